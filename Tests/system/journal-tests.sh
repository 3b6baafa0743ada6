#!/usr/bin/env bash
# journal-tests.sh - run the JournalTests next to a real journald and check what it stored.
#
# Usage (root, from anywhere):  Tests/system/journal-tests.sh
#   SCRATCH=.build-journal       swift build scratch path (relative to the repo)
#   SANDBOX_TOOLS=../shared/tools  where journald-sandbox lives (relative to the repo)
#
# 1. builds the tests (outside the sandbox, so a compile error is reported as such);
# 2. runs `swift test --filter JournalTests` inside journald-sandbox with
#    DIGESTD_JOURNAL_TEST_RUN=<id>, which enables the live suite (JournalLiveTests);
# 3. reads the journal back and asserts: PRIORITY per level, CODE_*, SYSLOG_IDENTIFIER=digestd,
#    DIGESTD_* fields, sanitized names, no blob (binary) field, every value <= 4096 bytes with
#    TRUNCATED=1 where cut, no control characters, and no "invalid" complaint from journald.
# Prints "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"
export PATH=/opt/swift/usr/bin:$PATH
SCRATCH=${SCRATCH:-.build-journal}
SANDBOX_TOOLS=${SANDBOX_TOOLS:-../shared/tools}
sandbox=$(cd "$SANDBOX_TOOLS" && pwd)/journald-sandbox
[ -x "$sandbox" ] || { echo "journal-tests: $sandbox not found" >&2; exit 2; }
command -v python3 >/dev/null || { echo "journal-tests: python3 needed" >&2; exit 2; }

run_id=jt$(tr -d - </proc/sys/kernel/random/uuid)
work=$(mktemp -d /tmp/digestd-journal-tests.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "== building JournalTests"
if ! swift build --scratch-path "$SCRATCH" --build-tests >"$work/build.log" 2>&1; then
  grep -E 'error:' "$work/build.log" | sort -u | head -n 30; tail -n 10 "$work/build.log"
  echo "0 passed, 1 failed"; exit 1
fi

echo "== running JournalTests inside journald-sandbox (run $run_id)"
rc=0
"$sandbox" run --dir "$work/j" -- env DIGESTD_JOURNAL_TEST_RUN="$run_id" \
  swift test --skip-build --disable-xctest --scratch-path "$SCRATCH" --filter JournalTests >"$work/test.log" 2>&1 || rc=$?
tail -n 5 "$work/test.log"
if grep -q 'Suite "Live journal.* skipped' "$work/test.log"; then
  echo "journal-tests: the live suite was skipped inside the sandbox" >&2; rc=1
fi

"$sandbox" read "$work/j" --all DIGESTD_TEST_RUN="$run_id" >"$work/entries.json" 2>"$work/read.err" || true
{ cat "$work/j/journald.log" 2>/dev/null; "$sandbox" read "$work/j" SYSLOG_IDENTIFIER=systemd-journald 2>/dev/null; } >"$work/journald.log" || true

python3 - "$work/entries.json" "$work/journald.log" "$rc" <<'PY'
import json, re, sys
entries_path, journald_log, test_rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
passed = failed = 0
def check(name, ok, detail=""):
    global passed, failed
    if ok: passed += 1; print(f"PASS {name}")
    else: failed += 1; print(f"FAIL {name} {detail}")

check("swift test --filter JournalTests passed inside the sandbox", test_rc == 0, f"rc={test_rc}")
entries = [json.loads(l) for l in open(entries_path) if l.strip()]
by_case = {}
for e in entries: by_case.setdefault(e.get("DIGESTD_TEST_CASE"), []).append(e)
check("entries of this run are in the journal", len(entries) >= 9, f"found {len(entries)}")

rule = re.compile(r"^_?[A-Z][A-Z0-9_]{0,63}$")  # journald's own fields start with _ or __
for e in entries:
    for k, v in e.items():
        if k.startswith("__"): continue
        if isinstance(v, list) and v and isinstance(v[0], int):
            check(f"no blob field ({e.get('DIGESTD_TEST_CASE')}.{k})", False, "stored as binary")
        if isinstance(v, str):
            if len(v.encode()) > 4096: check(f"{k} <= 4096 bytes", False, f"{len(v.encode())} bytes")
            if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in v):
                check(f"no control characters in {k}", False, repr(v[:60]))
        if v is None: check(f"{k} readable (not null)", False)
        if not rule.match(k): check(f"field name {k} valid", False)

def one(case):
    es = by_case.get(case, [])
    check(f"exactly one entry for case {case}", len(es) == 1, f"found {len(es)}")
    return es[0] if es else {}

s = one("summarized")
check("SYSLOG_IDENTIFIER=digestd", s.get("SYSLOG_IDENTIFIER") == "digestd", s.get("SYSLOG_IDENTIFIER"))
check("PRIORITY=6 for info", s.get("PRIORITY") == "6", s.get("PRIORITY"))
check("CODE_FILE names the Swift file", s.get("CODE_FILE") == "JournalTests/JournalLiveTests.swift", s.get("CODE_FILE"))
check("CODE_LINE is a number", str(s.get("CODE_LINE", "")).isdigit(), s.get("CODE_LINE"))
check("CODE_FUNC set", bool(s.get("CODE_FUNC")), s.get("CODE_FUNC"))
check("MESSAGE", s.get("MESSAGE") == "article summarized", s.get("MESSAGE"))
check("DIGESTD_ARTICLE", s.get("DIGESTD_ARTICLE") == "/var/spool/digestd/inbox/ferry.txt", s.get("DIGESTD_ARTICLE"))
check("DIGESTD_SHA256", len(s.get("DIGESTD_SHA256", "")) == 64)
check("DIGESTD_SENTENCES", s.get("DIGESTD_SENTENCES") == "3")
check("DIGESTD_DURATION_USEC", s.get("DIGESTD_DURATION_USEC") == "1234")
check("MESSAGE_ID", s.get("MESSAGE_ID") == "e1566dc9111b45e9909cb237b9ec2832", s.get("MESSAGE_ID"))
check("metadata key article.path arrives as ARTICLE_PATH", s.get("ARTICLE_PATH") == "/var/spool/digestd/inbox/ferry.txt")
check("no TRUNCATED on a short entry", "TRUNCATED" not in s)

l = one("long")
reason = l.get("DIGESTD_REASON", "")
check("long value capped to <= 4096 bytes", isinstance(reason, str) and 4000 < len(reason.encode()) <= 4096, len(str(reason).encode()))
check("capped value ends with …", isinstance(reason, str) and reason.endswith("…"))
check("TRUNCATED=1 on the capped entry", l.get("TRUNCATED") == "1", l.get("TRUNCATED"))
check("250-byte file name kept whole", len(l.get("DIGESTD_ARTICLE", "")) == 254)
check("PRIORITY=4 for warning", l.get("PRIORITY") == "4")

c = one("control")
check("control characters in MESSAGE became spaces", c.get("MESSAGE") == "line one line two end   ", repr(c.get("MESSAGE")))
check("control characters in a value became spaces", c.get("DIGESTD_REASON") == "bi nary  ", repr(c.get("DIGESTD_REASON")))
check("ERRNO", c.get("ERRNO") == "2")
check("PRIORITY=3 for error", c.get("PRIORITY") == "3")

for level, prio in [("trace", "7"), ("debug", "7"), ("info", "6"), ("notice", "5"), ("warning", "4"), ("error", "3"), ("critical", "2")]:
    e = one(f"level-{level}")
    check(f"PRIORITY={prio} for {level}", e.get("PRIORITY") == prio, e.get("PRIORITY"))

log = open(journald_log, errors="replace").read() if journald_log else ""
check("journald printed no 'invalid' complaint", "invalid" not in log.lower(), log[-300:])
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
