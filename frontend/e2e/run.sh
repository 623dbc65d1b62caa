#!/usr/bin/env bash
# End-to-end run: builds the backend binary (cargo is a no-op when it is fresh) and the SPA,
# starts `kinerja serve --demo` on a throwaway SQLite file, waits for /readyz, runs the
# Playwright specs in Debian's Chromium, and always stops the server.
#
#   KINERJA_E2E_SKIP_BUILD=1  reuse the existing binary and dist/ (fast local iteration)
#   E2E_PORT=18080            where the server listens
#   E2E_WEB_DIR=dist          the built SPA to serve (build there; lets parallel runs not share dist/)
#   any further arguments go to `playwright test` (e.g. -g "wrong password")
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
frontend="$(dirname "$here")"
repo="$(dirname "$frontend")"
target="${CARGO_TARGET_DIR:-$repo/target}"
bin="${KINERJA_BIN:-$target/debug/kinerja}"
port="${E2E_PORT:-18080}"
web_dir="${E2E_WEB_DIR:-$frontend/dist}"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"

[ -x "$chromium" ] || { echo "e2e: $chromium missing (apt-get install -y chromium)" >&2; exit 1; }

if [ "${KINERJA_E2E_SKIP_BUILD:-}" != 1 ] || [ ! -x "$bin" ]; then
  (cd "$repo" && cargo build -p kinerja-api --bin kinerja)
fi
if [ "${KINERJA_E2E_SKIP_BUILD:-}" != 1 ] || [ ! -f "$web_dir/index.html" ]; then
  (cd "$frontend" && npx tsc -b && npx vite build --outDir "$web_dir" --emptyOutDir)
fi

if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "e2e: port $port is already in use; set E2E_PORT" >&2
  exit 1
fi

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

KINERJA_ENV=dev \
DATABASE_URL="sqlite://$tmp/e2e.sqlite?mode=rwc" \
KINERJA_BIND="127.0.0.1:$port" \
KINERJA_WEB_DIR="$web_dir" \
  "$bin" serve --demo >"$tmp/server.log" 2>&1 &
server_pid=$!

ready=""
for _ in $(seq 1 120); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "e2e: the server exited before it was ready:" >&2
    cat "$tmp/server.log" >&2
    exit 1
  fi
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then
    ready=1
    break
  fi
  sleep 0.5
done
[ -n "$ready" ] || { echo "e2e: /readyz did not answer in 60 s" >&2; cat "$tmp/server.log" >&2; exit 1; }

status=0
(cd "$frontend" && E2E_BASE_URL="http://127.0.0.1:$port" E2E_OUTPUT_DIR="${E2E_OUTPUT_DIR:-$frontend/e2e/.tmp}" CHROMIUM_PATH="$chromium" npx playwright test "$@") || status=$?
if [ "$status" -ne 0 ]; then
  echo "e2e: server log (last 40 lines):" >&2
  tail -n 40 "$tmp/server.log" >&2
fi
exit "$status"
