#!/usr/bin/env bash
# Fresh-clone smoke (run by .ci/run): clone the committed tree into a new folder, run the README's first command
# exactly as written (`make run`), wait until the home page answers and the demo world is there, then stop the
# server by its process group. Fails, printing the end of the log, if `make run` stops or nothing answers in time.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
port=8000
minutes="${SMOKE_MINUTES:-25}"
work="$(mktemp -d)"
git clone -q "$src" "$work/talentpool"
cd "$work/talentpool"
if curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
  echo "fresh-clone smoke: port $port is already taken" >&2
  exit 1
fi
started=$(date +%s)
setsid make run >"$work/run.log" 2>&1 &
pid=$!
stop() { kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap stop EXIT
deadline=$((started + minutes * 60))
while :; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "fresh-clone smoke: make run stopped; the end of its log:" >&2
    tail -40 "$work/run.log" >&2
    exit 1
  fi
  if curl -fsS "http://127.0.0.1:$port/programmes/directory/" 2>/dev/null | grep -q "Triple Win"; then
    break
  fi
  if [ "$(date +%s)" -gt "$deadline" ]; then
    echo "fresh-clone smoke: nothing served the demo world within $minutes minutes; the end of the log:" >&2
    tail -40 "$work/run.log" >&2
    exit 1
  fi
  sleep 3
done
for path in / /accounts/login/ /accounts/signup/ /api/v1/docs/; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")
  [ "$code" = 200 ] || { echo "fresh-clone smoke: $path answered $code" >&2; exit 1; }
done
echo "fresh-clone smoke passed: make run served the demo world $(( $(date +%s) - started )) s after a fresh clone"
