#!/usr/bin/env bash
# Gateway overhead: the same service endpoint through the gateway and directly, with the same valid
# token, in one run, alternating, so the machine's noise hits both alike. Also the cost of a sign-in.
#
#   bench/gateway/run.sh            (starts its own platform on ports 28080-28083 and stops it after)
#   DURATION=30s bench/gateway/run.sh
# The rate limits are raised for the run: the point is what routing costs, not what a limit refuses.
#
# Needs wrk (apt-get install wrk). Prints a Markdown section for bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-15s}
export YUNYING_DATA_DIR=$PWD/.data-bench YUNYING_DB_PORT=25432 YUNYING_GATEWAY_PORT=28080 YUNYING_CONTENT_PORT=28081 \
  YUNYING_COMMUNITY_PORT=28082 YUNYING_PUSH_PORT=28083
for bucket in USER ADDRESS; do
  export YUNYING_GATEWAY_EDGE_RATE_LIMITS_${bucket}_CAPACITY=100000000 YUNYING_GATEWAY_EDGE_RATE_LIMITS_${bucket}_REFILL_PER_SECOND=100000000
done
GATEWAY=http://localhost:$YUNYING_GATEWAY_PORT
DIRECT=http://localhost:$YUNYING_COMMUNITY_PORT
PATH_UNDER_TEST=/api/community/boards/movies

./yunying run > /tmp/yunying-bench.log 2>&1 &
trap './yunying stop > /dev/null' EXIT
for _ in $(seq 1 150); do grep -q "is running\|could not" /tmp/yunying-bench.log 2>/dev/null && break; sleep 2; done
grep -q "is running" /tmp/yunying-bench.log || { echo "platform did not start; see /tmp/yunying-bench.log" >&2; exit 1; }

password() { grep "^$1=" "$YUNYING_DATA_DIR/demo-accounts.properties" | cut -d= -f2-; }
sign_in() { curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" "$GATEWAY/api/auth/sign-in"; }
TOKEN=$(sign_in moderator "$(password moderator)" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
AUTH="Authorization: Bearer $TOKEN"
curl -sf -H "$AUTH" "$GATEWAY$PATH_UNDER_TEST" > /dev/null
curl -sf -H "$AUTH" "$DIRECT$PATH_UNDER_TEST" > /dev/null

# warm both JITs
wrk -t2 -c16 -d5s -H "$AUTH" "$GATEWAY$PATH_UNDER_TEST" > /dev/null
wrk -t2 -c16 -d5s -H "$AUTH" "$DIRECT$PATH_UNDER_TEST" > /dev/null

# every answer must be a 200: a refusal (401, 429, 503) is cheap and would flatter the figures
checked() { local out; out=$(wrk "$@"); if echo "$out" | grep -q "Non-2xx"; then echo "non-2xx answers in: wrk $*" >&2; echo "$out" >&2; exit 1; fi; echo "$out"; }
rps() { grep "Requests/sec" | awk '{print $2}'; }
pct() { grep -E "^ +$1%" | awk '{print $2}'; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; printf "%.2f", v}'; }

declare -A R
for round in 1 2; do
  for target in direct gateway; do
    url=$([ $target = direct ] && echo "$DIRECT" || echo "$GATEWAY")
    R[$target-rps-$round]=$(checked -t2 -c16 -d"$DURATION" -H "$AUTH" "$url$PATH_UNDER_TEST" | rps)
    out=$(checked -t1 -c4 -d"$DURATION" --latency -H "$AUTH" "$url$PATH_UNDER_TEST")
    R[$target-p50-$round]=$(echo "$out" | pct 50 | to_ms)
    R[$target-p99-$round]=$(echo "$out" | pct 99 | to_ms)
  done
done
avg() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", (a+b)/2}'; }
d_rps=$(avg "${R[direct-rps-1]}" "${R[direct-rps-2]}"); g_rps=$(avg "${R[gateway-rps-1]}" "${R[gateway-rps-2]}")
d50=$(avg "${R[direct-p50-1]}" "${R[direct-p50-2]}"); g50=$(avg "${R[gateway-p50-1]}" "${R[gateway-p50-2]}")
d99=$(avg "${R[direct-p99-1]}" "${R[direct-p99-2]}"); g99=$(avg "${R[gateway-p99-1]}" "${R[gateway-p99-2]}")

signin_ms=$( { for _ in $(seq 1 10); do curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
  -d "{\"username\":\"editor\",\"password\":\"$(password editor)\"}" "$GATEWAY/api/auth/sign-in"; done; } | awk '{s+=$1} END {printf "%.1f", s/NR*1000}')

cat <<MD
## Gateway overhead (issue 8)

- Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1); date $(date -u +%Y-%m-%dT%H:%MZ)
- Command: \`bench/gateway/run.sh\` (DURATION=$DURATION), endpoint \`GET $PATH_UNDER_TEST\` (a PostgreSQL read in community-service)
  with a valid moderator token; throughput with \`wrk -t2 -c16\`, latency at a fixed moderate load with
  \`wrk -t1 -c4 --latency\`; direct and gateway alternate, two rounds each, averaged.

| | direct | through gateway | ratio / added |
|---|---|---|---|
| requests/s (c16) | $d_rps | $g_rps | $(awk -v g="$g_rps" -v d="$d_rps" 'BEGIN{printf "%.0f%%", g/d*100}') of direct |
| p50 latency (c4) | $d50 ms | $g50 ms | +$(awk -v g="$g50" -v d="$d50" 'BEGIN{printf "%.2f", g-d}') ms |
| p99 latency (c4) | $d99 ms | $g99 ms | +$(awk -v g="$g99" -v d="$d99" 'BEGIN{printf "%.2f", g-d}') ms |

Sign-in (bcrypt cost 11, slow by design): $signin_ms ms on average over 10 sequential sign-ins.
MD
