#!/bin/sh
# Smoke test of one built executable where there is no Bun to run the test suite (the Alpine job of
# .github/workflows/ci.yml runs it on the musl build): --version, an import, check --json, and a page
# served over HTTP. POSIX sh, with curl or busybox wget. Usage: scripts/smoke.sh EXECUTABLE [RUNNER...]
# where RUNNER is put before it, e.g. `qemu-aarch64 -L /usr/aarch64-linux-gnu`.
set -eu
bin=$1
shift
here=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
server=''
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
fail() { echo "smoke: $*" >&2; exit 1; }

version=$("$@" "$bin" --version) || fail "--version failed"
case $version in *'(commit '*')') ;; *) fail "--version does not name a commit: $version" ;; esac

"$@" "$bin" import "$here/test/fixtures/hyperfine/param-scan-lines.json" --name scan --cachedir "$dir" >/dev/null || fail "import failed"

"$@" "$bin" check scan --json --cachedir "$dir" >"$dir/check.json" || fail "check --json exited $?"
grep -q '"schema_version"' "$dir/check.json" || fail "check --json printed no report"
grep -q '"verdict": "young"' "$dir/check.json" || fail "check --json: a single run should be young"

# The log exists before the server starts: the loop below must not read it before the background shell opened it.
: >"$dir/serve.log"
"$@" "$bin" serve scan --no-open --cachedir "$dir" >"$dir/serve.log" 2>&1 &
server=$!
url=''
for _ in $(seq 1 120); do
  url=$(sed -n 's/^Serving .* at \(http:[^ ]*\)$/\1/p' "$dir/serve.log")
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || fail "serve exited: $(cat "$dir/serve.log")"
  sleep 1
done
[ -n "$url" ] || fail "serve did not start in 120 s"
if command -v curl >/dev/null 2>&1; then curl -fsS "${url}b/scan" >"$dir/page.html"; else wget -q -O "$dir/page.html" "${url}b/scan"; fi || fail "GET ${url}b/scan failed"
grep -q '<h1>scan</h1>' "$dir/page.html" || fail "the page of scan has no heading"
echo "smoke: $bin passed (--version, import, check --json, GET /b/scan)"
