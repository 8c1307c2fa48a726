#!/usr/bin/env bash
# Renders the Kustomize overlays and checks them against the Kubernetes schemas and the platform's
# deployment rules (probes, resources, non-root, read-only root, no literal secrets, network
# policies, production replicas/HPA/PDB/CloudNativePG). Needs kubectl (kustomize built in) and node.
set -euo pipefail
cd "$(dirname "$0")"
[ -f ../overlays/local/secrets/service-clients.env ] || ../overlays/local/make-secrets.sh --force > /dev/null
npm ci --no-audit --no-fund --silent
node validate.mjs
