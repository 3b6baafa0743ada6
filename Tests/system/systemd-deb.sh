#!/usr/bin/env bash
# systemd-deb.sh - install the digestd .deb into a clean Debian root under a real systemd
# (../shared/tools/systemd-sandbox) and check how it behaves as a system service.
#
# Usage (root):  Tests/system/systemd-deb.sh [dist/digestd_<version>_<arch>.deb]
#   default .deb: the newest dist/digestd_*.deb (build it with packaging/build-deb.sh)
#   SANDBOX_TOOLS=../shared/tools   where systemd-sandbox lives (relative to the repo)
#   KEEP=1                          leave the sandbox up afterwards (name: digestd-deb)
#   SKIP_WATCHDOG=1                 skip the F52 freeze check (~20 s)
#
# Checks: active after install; an article dropped in the inbox appears in
# /var/lib/digestd/digests/YYYY-MM-DD.md and its journal entry carries DIGESTD_ARTICLE (F47:
# valid fields, no "invalid" complaint; F49: no value over 4096 bytes, no blob, TRUNCATED=1);
# reload keeps it active and takes a changed config; a broken config on reload is refused;
# F53: missing inbox / unwritable digest folder make `systemctl start` fail fast with one error
# naming the path with ERRNO and no READY; F52: a frozen daemon is killed by the watchdog and
# restarted; stop is clean; purge removes the user and leaves no stale links.
# Prints "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"
SANDBOX_TOOLS=${SANDBOX_TOOLS:-../shared/tools}
SB=$(cd "$SANDBOX_TOOLS" && pwd)/systemd-sandbox
FIELD_CASES=$(cd "$SANDBOX_TOOLS/.." && pwd)/field-cases
[ -x "$SB" ] || { echo "systemd-deb: $SB not found" >&2; exit 2; }
deb=${1:-$(ls -t dist/digestd_*.deb 2>/dev/null | head -n1)}
[ -n "$deb" ] && [ -f "$deb" ] || { echo "systemd-deb: no .deb (run packaging/build-deb.sh)" >&2; exit 2; }

export SANDBOX_NAME=digestd-deb
# Runtime dependencies of the package: the sandbox has no network, so they go into its cached
# root filesystem (built once per machine and dependency set, ~1.5 min): the .deb's Depends
# (first alternative, no versions), plus passwd for the purge (userdel).
deps=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/[[:space:]]//g' | sed '/^$/d' | sort -u | tr '\n' ' ')
export SANDBOX_PACKAGES="$deps passwd"
echo "sandbox packages: $SANDBOX_PACKAGES"
U=digestd.service
INBOX=/var/spool/digestd/inbox
DIGESTS=/var/lib/digestd/digests
CONF=/etc/digestd/digestd.toml
ID_READY=ba8cf2044b12433b9b27ade0a1c479cc
ID_SUMMARIZED=e1566dc9111b45e9909cb237b9ec2832
ID_RELOADED=23c6427fa5a941aea6f9829d12da1a51
ID_REJECTED=48c87627eee843199802f6167ed1477d
ID_STOPPING=e03acf51088747bea36f7c3aa7bebd70

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
sb() { "$SB" exec "$@"; }
sbsh() { "$SB" exec sh -c "$1"; }
prop() { sb systemctl show -p "$1" --value "$U"; }
# wait_for SECONDS CMD...: retry CMD every 0.5 s
wait_for() { local t=$1; shift; local i; for i in $(seq 1 $((t * 2))); do "$@" && return 0; sleep 0.5; done; "$@"; }
# A point in time (µs, sandbox clock), and the unit's journal entries after it as JSON lines.
# (journalctl -u with --after-cursor and a field match returns nothing on 252, hence the filter.)
cursor() { sb date +%s%6N; }
entries_after() {
  local m=$1; shift
  sb journalctl -u "$U" -o json --all --no-pager "$@" | python3 -c '
import json, sys
m = int(sys.argv[1])
for line in sys.stdin:
    if line.strip() and int(json.loads(line)["__REALTIME_TIMESTAMP"]) > m: print(line, end="")' "$m"
}
# count_after MARK N ARGS: at least N entries after MARK match ARGS
count_after() { local m=$1 n=$2; shift 2; [ "$(entries_after "$m" "$@" | wc -l)" -ge "$n" ]; }
# grep_after MARK PATTERN ARGS: an entry after MARK matching ARGS contains PATTERN
grep_after() { local m=$1 p=$2; shift 2; entries_after "$m" "$@" | grep -q -- "$p"; }
# drop NAME: stdin becomes INBOX/NAME, written under a hidden name and renamed (how writers should)
drop() { "$SB" exec sh -c "cat > $INBOX/.drop.part && mv $INBOX/.drop.part \"$INBOX/\$1\"" sh "$1"; }

finish() {
  if [ "${KEEP:-0}" = 1 ]; then echo "sandbox kept: $SB -n $SANDBOX_NAME shell"; else "$SB" down >/dev/null 2>&1; fi
}
"$SB" down >/dev/null 2>&1 || true
echo "== booting systemd-sandbox ($SANDBOX_NAME)"
if ! "$SB" up; then echo "0 passed, 1 failed"; exit 1; fi
trap finish EXIT

echo "== install $deb"
check "apt-get install of the .deb succeeds" "$SB" install-deb "$deb"
check "systemd-analyze verify of the installed unit is clean" \
  sbsh "out=\$(systemd-analyze verify --man=no /usr/lib/systemd/system/$U 2>&1); echo \"\$out\"; [ -z \"\$out\" ]"
check "service is enabled" test "$(sb systemctl is-enabled $U)" = enabled
check "service is active after install" wait_for 20 test "$(prop ActiveState)" = active
check "system user digestd exists" sb getent passwd digestd
check "service runs as digestd" test "$(sb ps -o user= -p "$(prop MainPID)" | tr -d ' ')" = digestd
check "inbox is setgid+sticky root:digestd" test "$(sb stat -c '%a %U %G' $INBOX)" = "3770 root digestd"
check "READY entry with MESSAGE_ID in the journal" \
  test -n "$(sb journalctl -u $U MESSAGE_ID=$ID_READY -o cat --no-pager)"
check "catalog installed (journalctl -x explains the ready id)" \
  sbsh "journalctl --list-catalog --no-pager | grep -q $ID_READY"
check "STATUS= is set" test -n "$(prop StatusText)"

echo "== drop an article"
today=$(sb date +%F)
c0=$(cursor)
printf '%s\n' 'Ferry service to resume on Monday' '' \
 'The harbour authority said the ferry will resume its normal timetable on Monday.' \
 'Repairs to the north pier took three weeks longer than planned.' \
 'Commuters had used a replacement bus that doubled the travel time.' \
 'The council will review the repair budget at its next meeting.' \
 'Tickets bought for the cancelled crossings will be refunded.' | drop ferry.txt
check "digest $DIGESTS/$today.md appears with the article" \
  wait_for 20 sbsh "grep -q 'Ferry service to resume' $DIGESTS/$today.md"
check "digest entry names the source file" sbsh "grep -q 'ferry.txt' $DIGESTS/$today.md"
j=$(entries_after "$c0" DIGESTD_ARTICLE=$INBOX/ferry.txt)
check "journal has the article entry with DIGESTD_ARTICLE" grep -q "\"MESSAGE_ID\":\"$ID_SUMMARIZED\"" <<<"$j"
check "article entry: SYSLOG_IDENTIFIER, PRIORITY, CODE_FILE, DIGESTD_SHA256, 3 sentences" python3 -c '
import json, sys
es = [json.loads(l) for l in sys.stdin if l.strip()]
e = [e for e in es if e.get("MESSAGE_ID") == "'$ID_SUMMARIZED'"][0]
assert e["SYSLOG_IDENTIFIER"] == "digestd" and e["PRIORITY"] == "6", e
assert e["CODE_FILE"].endswith(".swift") and e["CODE_LINE"].isdigit() and e["CODE_FUNC"], e
assert len(e["DIGESTD_SHA256"]) == 64 and e["DIGESTD_SENTENCES"] == "3", e
assert e["_SYSTEMD_UNIT"] == "digestd.service", e
' <<<"$j"

echo "== F49: oversized values"
if [ -x "$FIELD_CASES/F49/gen.sh" ]; then
  g=$(mktemp -d); "$FIELD_CASES/F49/gen.sh" "$g" >/dev/null
  c1=$(cursor)
  for f in "$g"/*; do drop "$(basename "$f")" <"$f"; done
  rm -rf "$g"
  check "F49: both files processed" wait_for 60 count_after "$c1" 2 MESSAGE_ID=$ID_SUMMARIZED
  check "F49: no journal value over 4096 bytes, no blob, no control character" python3 -c '
import json, sys
for line in sys.stdin:
    if not line.strip(): continue
    e = json.loads(line)
    if e.get("_TRANSPORT") != "journal": continue  # our handler; not Dispatch syslog() noise
    for k, v in e.items():
        if k.startswith("__"): continue
        assert not (isinstance(v, list) and v and isinstance(v[0], int)), ("blob", k)
        assert v is not None, ("null (over 4096 without --all?)", k)
        if isinstance(v, str):
            assert len(v.encode()) <= 4096, (k, len(v.encode()))
            assert not any(ord(c) < 32 for c in v), (k, v[:50])
' < <(entries_after "$c1")
else
  fail "F49: $FIELD_CASES/F49/gen.sh not found"
fi
check "F47: journald complained about no invalid field name" \
  sbsh "! journalctl --no-pager -o cat | grep -i 'invalid'"

echo "== reload with a changed config"
pid=$(prop MainPID)
c2=$(cursor)
sbsh "sed -i 's/^sentences = 3/sentences = 1/' $CONF && grep -q '^sentences = 1' $CONF"
check "systemctl reload succeeds" sb systemctl reload $U
check "still active after reload, same PID" wait_for 10 test "$(prop ActiveState)/$(prop MainPID)" = "active/$pid"
check "journal: configuration reloaded" wait_for 10 count_after "$c2" 1 MESSAGE_ID=$ID_RELOADED
printf '%s\n' 'Library extends opening hours' '' \
 'The central library will open until nine in the evening from next week.' \
 'Students asked for longer hours during the exam period.' \
 'Three more staff will be hired to cover the evening shifts.' | drop library.txt
check "the new config is in force (next article summarized in 1 sentence)" \
  wait_for 20 grep_after "$c2" '"DIGESTD_SENTENCES":"1"' DIGESTD_ARTICLE=$INBOX/library.txt MESSAGE_ID=$ID_SUMMARIZED

echo "== reload with a broken config"
c3=$(cursor)
sbsh "cp $CONF /tmp/good.toml && printf '\nbogus_key = 1\n' >> $CONF"
sb systemctl reload $U >/dev/null 2>&1
check "still active after a broken config, same PID" wait_for 10 test "$(prop ActiveState)/$(prop MainPID)" = "active/$pid"
check "journal: error naming the bad key, config rejected" \
  wait_for 10 grep_after "$c3" bogus_key MESSAGE_ID=$ID_REJECTED PRIORITY=3
printf '%s\n' 'Market square closed for repairs' '' \
 'The market square will be closed for two weeks.' 'Stalls move to the park meanwhile.' \
 'The council apologised for the short notice.' | drop market.txt
check "the old config stays in force (still 1 sentence)" \
  wait_for 20 grep_after "$c3" '"DIGESTD_SENTENCES":"1"' DIGESTD_ARTICLE=$INBOX/market.txt MESSAGE_ID=$ID_SUMMARIZED
sbsh "cp /tmp/good.toml $CONF"

echo "== stop"
c4=$(cursor)
check "systemctl stop succeeds" sb systemctl stop $U
check "inactive after stop, result success" test "$(prop ActiveState)/$(prop Result)" = inactive/success
check "journal: STOPPING entry" count_after "$c4" 1 MESSAGE_ID=$ID_STOPPING
check "journal: no 'Watchdog timeout' and no core dump so far" \
  sbsh "! journalctl --no-pager -o cat | grep -Ei 'watchdog timeout|dumped core'"

# F53: start must fail fast, with one error naming the path and ERRNO, and no READY.
f53_case() { # NAME PATH-SUBSTRING
  local name=$1 path=$2 c t0 t1 rc
  c=$(cursor)
  t0=$(date +%s); sb systemctl start $U >/dev/null 2>&1; rc=$?; t1=$(date +%s)
  check "F53 $name: systemctl start fails" test $rc -ne 0
  check "F53 $name: ... within 5 s ($((t1 - t0)) s)" test $((t1 - t0)) -lt 5
  check "F53 $name: not active" sbsh "[ \"\$(systemctl show -p ActiveState --value $U)\" != active ]"
  local e; e=$(entries_after "$c" SYSLOG_IDENTIFIER=digestd)
  check "F53 $name: one error entry naming $path with ERRNO" python3 -c '
import json, sys
es = [json.loads(l) for l in sys.stdin if l.strip()]
errs = [e for e in es if int(e.get("PRIORITY", "6")) <= 3]
# with Restart=on-failure there is one error per attempt; count the first attempt
pids = sorted({e["_PID"] for e in errs})
first = [e for e in errs if e["_PID"] == pids[0]] if pids else []
assert len(first) == 1, [e.get("MESSAGE") for e in errs]
e = first[0]
assert e.get("ERRNO", "").isdigit(), e
assert any(sys.argv[1] in str(v) for k, v in e.items() if k in ("MESSAGE", "DIGESTD_WATCH", "DIGESTD_DIGEST")), e
ids = {x.get("MESSAGE_ID") for x in es}
assert "'$ID_READY'" not in ids, "READY logged"
' "$path" <<<"$e"
  sb systemctl stop $U >/dev/null 2>&1; sb systemctl reset-failed $U >/dev/null 2>&1
}
echo "== F53 case A: inbox missing"
sb mv $INBOX $INBOX.f53-aside
f53_case "A (inbox missing)" $INBOX
sb mv $INBOX.f53-aside $INBOX
echo "== F53 case B: digest folder not writable"
mode=$(sb stat -c %a $DIGESTS)
sb chmod a-w $DIGESTS
f53_case "B (output not writable)" $DIGESTS
sb chmod "$mode" $DIGESTS
echo "== F53 case C: all good"
check "F53 C: systemctl start succeeds and the unit is active" \
  sbsh "systemctl start $U && [ \"\$(systemctl show -p ActiveState --value $U)\" = active ]"

if [ "${SKIP_WATCHDOG:-0}" != 1 ]; then
  echo "== F52: a frozen daemon is killed by the watchdog and restarted"
  sbsh "mkdir -p /run/systemd/system/$U.d && printf '[Service]\nWatchdogSec=4s\nRestartSec=1s\n' > /run/systemd/system/$U.d/wd.conf && systemctl daemon-reload && systemctl restart $U"
  wait_for 10 test "$(prop ActiveState)" = active
  before=$(prop NRestarts); pid=$(prop MainPID)
  check "F52: watchdog interval honoured while idle (no restart in 10 s)" \
    sbsh "sleep 10; [ \"\$(systemctl show -p NRestarts --value $U)\" = $before ]"
  sb kill -STOP "$pid"
  check "F52: frozen process restarted by the watchdog" \
    wait_for 20 sbsh "[ \"\$(systemctl show -p NRestarts --value $U)\" -gt $before ] && [ \"\$(systemctl show -p ActiveState --value $U)\" = active ]"
  check "F52: journal shows the watchdog timeout" sbsh "journalctl -u $U --no-pager -o cat | grep -qi 'watchdog timeout'"
  sbsh "rm -rf /run/systemd/system/$U.d && systemctl daemon-reload"
fi

echo "== purge"
check "apt-get purge succeeds" sb env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q digestd
check "user digestd removed" sbsh "! getent passwd digestd"
check "group digestd removed" sbsh "! getent group digestd"
check "no enable link left" sbsh "! ls /etc/systemd/system/*/digestd.service 2>/dev/null | grep -q ."
check "no dangling symlink under /etc/systemd" sbsh "[ -z \"\$(find /etc/systemd -xtype l)\" ]"
check "unit gone from systemd" sbsh "! systemctl cat $U >/dev/null 2>&1"
check "state /var/lib/digestd removed" sbsh "[ ! -e /var/lib/digestd ]"
check "config /etc/digestd removed" sbsh "[ ! -e /etc/digestd ]"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
