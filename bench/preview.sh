#!/usr/bin/env bash
# Benchmark: the preview loop (issue 8, target 2). Starts `serve` on a copy of the shipped content and templates
# (the sample's data), then edits one lesson's Markdown E times (default 5) and times each edit from the moment the
# file is written to the moment the server sends the lesson's page with the new text: the change watcher's polling
# (every 300 ms), the pages re-rendered over the data already prepared, the site swapped in, the page fetched.
# Between edits it waits until the digests, which follow the pages, are up to date again (the server says so).
# Ends with the least, median and greatest time; the server's own account of each re-render ("Updated N pages
# ... in S s") is in its log, $BENCH_DIR/preview/serve.log.
# BENCH_PAGES=N adds N generated lessons (about 2 KB of Markdown each, those of bench/pages.sh) to the copy of the
# content, to time the same edit on a large site.
# Usage: bench/preview.sh [E]      (run from the project root; builds the jar if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
edits=${1:-5}
work=${BENCH_DIR:-target/bench}/preview
[ -f target/bulletin.jar ] || mvn -q -DskipTests package
rm -rf "$work"
mkdir -p "$work"
cp -r content templates "$work/"
pages=${BENCH_PAGES:-0}
if [ "$pages" != 0 ]; then
  generated=${BENCH_DIR:-target/bench}/pages/$pages
  [ -d "$generated/bulletin" ] || python3 bench/pages/generate.py "$pages" "$generated"
  cp "$generated"/bulletin/*.md "$work/content/lessons/"
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -jar target/bulletin.jar serve --content "$work/content" --templates "$work/templates" \
  --output "$work/site" --audit "$work/audit" --port "$port" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
python3 - "$work" "$port" "$edits" "$server" <<'EOF'
import os, sys, time, urllib.request

work, port, edits, server = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
lesson = f"{work}/content/lessons/chain-of-identity.md"
url = f"http://127.0.0.1:{port}/lessons/chain-of-identity/"
log = f"{work}/serve.log"


def page():
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def digests_updated():
    with open(log, encoding="utf-8", errors="replace") as f:
        return f.read().count("Updated the PDF digests")


def wait(what, test, seconds):
    end = time.monotonic() + seconds
    while not test():
        try:
            os.kill(server, 0)
        except ProcessLookupError:
            sys.exit(f"preview bench: the server stopped; its output is in {log}")
        if time.monotonic() > end:
            sys.exit(f"preview bench: no {what} after {seconds} s; the server's output is in {log}")
        time.sleep(0.01)


wait("first build", lambda: "Serving" in open(log, encoding="utf-8", errors="replace").read(), 600)
wait("page", lambda: page() != "", 10)
times = []
for i in range(1, edits + 1):
    before = digests_updated()
    marker = f"Preview check {i} of the benchmark."
    with open(lesson, "a", encoding="utf-8") as f:
        f.write(f"\n{marker}\n")
    start = time.monotonic()
    wait("re-rendered page", lambda: marker in page(), 60)
    took = time.monotonic() - start
    times.append(took)
    print(f"edit {i}: the page served with the edit {took:.2f} s after the file was written")
    # the digests are brought up to date behind the pages: wait for that before the next edit
    wait("digests", lambda: digests_updated() > before, 120)
times.sort()
n = len(times)
median = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
print(f"preview of {n} edits: least {times[0]:.2f} s, median {median:.2f} s, greatest {times[-1]:.2f} s")
EOF
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1)"
