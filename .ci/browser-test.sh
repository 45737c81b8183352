#!/usr/bin/env bash
# Browser acceptance test: a grid worker verifies a new request in the Chinese Tasklist (.ci/browser/tasklist.test.mjs).
# Installs Debian's chromium and fonts-noto-cjk when /usr/bin/chromium is missing, and playwright-core from
# .ci/browser/package-lock.json (no Playwright browser download: the test drives /usr/bin/chromium). Builds the jar,
# starts the app on a free port with a fresh H2 file database in a temp dir, runs the test, always stops the app.
# The last line is "N passed, N failed[, N skipped]". Screenshots and the app log stay in the temp dir it prints;
# the screenshots are also copied to target/browser-screenshots.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
started=$SECONDS

work=$(mktemp -d "${TMPDIR:-/tmp}/gridcase-browser.XXXXXX")
app_pid=""
result_file="$work/result"

finish() {
  local rc=$?
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$app_pid" 2>/dev/null || break
      sleep 1
    done
    kill -9 "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  # keep screenshots and the app log; the database and the browser profile go
  rm -rf "$work/db" "$work/chromium-profile"
  # the screenshots are the test's artifacts: a copy stays in the build directory of the checkout
  if [[ -d "$work/screenshots" ]]; then
    rm -rf "$repo/target/browser-screenshots"
    mkdir -p "$repo/target"
    cp -r "$work/screenshots" "$repo/target/browser-screenshots" || true
  fi
  echo "browser test: $((SECONDS - started))s; screenshots and app log in $work (screenshots also in target/browser-screenshots)"
  local passed=0 failed=1 skipped=0
  if [[ -s "$result_file" ]]; then
    read -r passed failed skipped <"$result_file"
  fi
  if ((rc != 0 && failed == 0)); then
    failed=1
  fi
  if ((skipped > 0)); then
    echo "${passed} passed, ${failed} failed, ${skipped} skipped"
  else
    echo "${passed} passed, ${failed} failed"
  fi
}
trap finish EXIT

# --- tools ----------------------------------------------------------------------------------------------
if [[ ! -x /usr/bin/chromium ]]; then
  echo "installing chromium and fonts-noto-cjk"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends chromium fonts-noto-cjk
fi
for tool in java node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool is missing" >&2
    exit 1
  fi
done
(cd .ci/browser && npm ci --no-audit --no-fund --loglevel=error)

# --- app ------------------------------------------------------------------------------------------------
# no jar yet is an empty answer, not a failure (errexit with pipefail would end the script here)
newest_jar() { { ls -t target/gridcase-*.jar 2>/dev/null || true; } | { grep -v -e '-sources' -e '-javadoc' -e '\.original$' || true; } | head -n 1; }
jar=$(newest_jar)
# .ci/run's first step packaged it: build again only when a source is newer than that jar (or there is none)
if [[ -z "$jar" || -n "$(find pom.xml src/main processes forms -newer "$jar" -print -quit)" ]]; then
  echo "building the jar"
  ./mvnw -B -q -DskipTests package
  jar=$(newest_jar)
fi
echo "jar: $jar"

port=$(python3 - <<'EOF'
import socket
for port in range(18080, 18180):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
EOF
)
if [[ -z "$port" ]]; then
  echo "no free port in 18080..18179" >&2
  exit 1
fi
base_url="http://127.0.0.1:$port"

echo "starting the app on port $port (database $work/db)"
# run from the temp dir: nothing the app writes relative to its working directory lands in the work tree
(cd "$work" && exec java -Xmx1g -jar "$repo/$jar" \
  --server.port="$port" \
  --spring.datasource.url="jdbc:h2:file:$work/db/gridcase;DB_CLOSE_ON_EXIT=FALSE" \
  >"$work/app.log" 2>&1) &
app_pid=$!

waited=0
until curl -sf -o /dev/null "$base_url/actuator/health"; do
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "the app exited during start-up; end of $work/app.log:" >&2
    tail -n 60 "$work/app.log" >&2
    exit 1
  fi
  if ((waited >= 240)); then
    echo "the app was not healthy within 240 s; end of $work/app.log:" >&2
    tail -n 60 "$work/app.log" >&2
    exit 1
  fi
  sleep 2
  waited=$((waited + 2))
done
echo "the app is up after ${waited}s"

# --- test -----------------------------------------------------------------------------------------------
mkdir -p "$work/screenshots" "$work/chromium-profile"
test_rc=0
BASE_URL="$base_url" SHOT_DIR="$work/screenshots" USER_DATA_DIR="$work/chromium-profile" RESULT_FILE="$result_file" \
  timeout --kill-after=10 600 node .ci/browser/tasklist.test.mjs || test_rc=$?
if ((test_rc != 0)); then
  echo "the browser test failed (exit $test_rc); end of $work/app.log:" >&2
  tail -n 40 "$work/app.log" >&2
fi
exit "$test_rc"
