#!/usr/bin/env bash
# End-to-end tests of the admin console in headless Chromium (playwright-core, no browser download).
#
# Prerequisites:
#   - Debian's Chromium:           apt-get install -y chromium      (CHROMIUM=/path/to/chromium to use another)
#   - CJK fonts for readable screenshots (optional): apt-get install -y fonts-noto-cjk
#   - node 20+ and npm:            the console's dev dependencies are installed here when missing (npm ci)
#   - the platform running with its demo data, started from the repository root with
#         ./yunying run
#     (YUNYING_URL=http://host:port to test another gateway; the demo accounts are read from
#      .data/demo-accounts.properties, or YUNYING_DEMO_ACCOUNTS=/path/to/file)
#
# Signs in as each demo account, walks the console's workflows, saves a screenshot of every screen in
# gateway/target/e2e-screenshots/ and fails on any failed step or console error.
set -euo pipefail
WEBUI="$(cd "$(dirname "$0")/.." && pwd)"
REPO="$(cd "$WEBUI/../../../.." && pwd)"
export YUNYING_URL="${YUNYING_URL:-http://localhost:8080}"
export YUNYING_DEMO_ACCOUNTS="${YUNYING_DEMO_ACCOUNTS:-$REPO/.data/demo-accounts.properties}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export E2E_SCREENSHOTS="${E2E_SCREENSHOTS:-$REPO/gateway/target/e2e-screenshots}"

[ -x "$CHROMIUM" ] || { echo "e2e: no Chromium at $CHROMIUM (apt-get install -y chromium)" >&2; exit 2; }
[ -f "$YUNYING_DEMO_ACCOUNTS" ] || { echo "e2e: no demo accounts at $YUNYING_DEMO_ACCOUNTS (start the platform with ./yunying run)" >&2; exit 2; }
curl -fsS -o /dev/null "$YUNYING_URL/admin/" || { echo "e2e: the console is not served at $YUNYING_URL/admin/ (./yunying run)" >&2; exit 2; }
cd "$WEBUI"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
rm -rf "$E2E_SCREENSHOTS" && mkdir -p "$E2E_SCREENSHOTS"
exec node e2e/console.e2e.mjs
