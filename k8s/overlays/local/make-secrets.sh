#!/usr/bin/env bash
# Writes the local overlay's secrets/ folder (git-ignored): database passwords, the first admin's
# password, the service clients' secrets and the platform token key pair. Run once; run again with --force to replace them.
set -euo pipefail
cd "$(dirname "$0")"
if [ -d secrets ] && [ "${1:-}" != "--force" ]; then
  echo "secrets/ exists; use --force to replace it"; exit 0
fi
mkdir -p secrets
random() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }
db_password=$(random)
printf 'username=yunying\npassword=%s\n' "$db_password" > secrets/postgres.env
printf 'host=postgres\nusername=yunying\npassword=%s\n' "$db_password" > secrets/db-app.env
printf 'password=%s\n' "$(random)" > secrets/first-admin.env
# service-to-service clients: each service's secret, and the same secrets as the gateway's config file
: > secrets/service-clients.env
: > secrets/service-clients.properties
for client in content-service community-service push-service; do
  secret=$(random)
  printf '%s=%s\n' "$client" "$secret" >> secrets/service-clients.env
  printf 'yunying.gateway.auth.service-clients.%s.secret=%s\n' "$client" "$secret" >> secrets/service-clients.properties
done
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out secrets/platform-private.pem 2>/dev/null
openssl rsa -in secrets/platform-private.pem -pubout -out secrets/platform-public.pem 2>/dev/null
chmod 600 secrets/*
echo "wrote $(pwd)/secrets; the first admin's password is in secrets/first-admin.env"
