#!/usr/bin/env bash
# briefing-mta.sh - the morning briefing through a real MTA, under a real systemd
# (../shared/tools/systemd-sandbox), with the digestd .deb installed.
#
# Usage (root):  Tests/system/briefing-mta.sh [dist/digestd_<version>_<arch>.deb]
#   default .deb: the newest dist/digestd_*.deb (build it with packaging/build-deb.sh)
#   KEEP=1   leave the sandbox up afterwards (name: digestd-briefing)
#
# Installs the .deb and Postfix (Debian's, delivering locally to /var/mail) in the sandbox.
# Checks: with mail_to unset the timer is not listed and the briefing service sends nothing;
# a member of group digestd runs `digestd check-config` and `digestd digest` with no flags;
# articles dropped in the inbox; mail_to set + daemon-reload: `systemctl list-timers` shows
# digestd-briefing.timer (OnCalendar 07:00); starting digestd-briefing.service delivers one
# message to the mailbox; Python's email parser finds multipart/alternative with text/plain
# and text/html; the text part holds every article title; the HTML part passes the Nu HTML
# checker; a second start sends nothing ("already sent"); a day without articles exits 66,
# which the unit counts as success (SuccessExitStatus=66); the user unit is digestd.service;
# bob reads the digest also while the service is stopped (no -shm file to share).
# Prints "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"
SANDBOX_TOOLS=${SANDBOX_TOOLS:-../shared/tools}
SB=$(cd "$SANDBOX_TOOLS" && pwd)/systemd-sandbox
[ -x "$SB" ] || { echo "briefing-mta: $SB not found" >&2; exit 2; }
deb=${1:-$(ls -t dist/digestd_*.deb 2>/dev/null | head -n1)}
[ -n "$deb" ] && [ -f "$deb" ] || { echo "briefing-mta: no .deb (run packaging/build-deb.sh)" >&2; exit 2; }
command -v java >/dev/null || { echo "briefing-mta: java needed (apt-get install default-jre-headless)" >&2; exit 2; }
jar=$(scripts/nu-validator) || exit 2

export SANDBOX_NAME=digestd-briefing
# The sandbox has no network: the package's dependencies and the MTA go into its cached root
# filesystem (built once per machine and package set).
deps=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/[[:space:]]//g' | sed '/^$/d' | sort -u | tr '\n' ' ')
export SANDBOX_PACKAGES="$deps passwd postfix python3"
CONF=/etc/digestd/digestd.toml
INBOX=/var/spool/digestd/inbox
MAILBOX=/var/mail/alice

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
sb() { "$SB" exec "$@"; }
sbsh() { "$SB" exec sh -c "$1"; }
wait_for() { local t=$1; shift; local i; for i in $(seq 1 $((t * 2))); do "$@" && return 0; sleep 0.5; done; "$@"; }
drop() { "$SB" exec sh -c "cat > $INBOX/.drop.part && mv $INBOX/.drop.part \"$INBOX/\$1\"" sh "$1"; }
messages() { sbsh "cat $MAILBOX 2>/dev/null | grep -c '^From '"; }

work=$(mktemp -d /tmp/digestd-briefing.XXXXXX)
finish() {
  if [ "${KEEP:-0}" = 1 ]; then echo "sandbox kept: $SB -n $SANDBOX_NAME shell; work: $work"; else "$SB" down >/dev/null 2>&1; rm -rf "$work"; fi
}
"$SB" down >/dev/null 2>&1 || true
echo "== booting systemd-sandbox ($SANDBOX_NAME) with: $SANDBOX_PACKAGES"
if ! "$SB" up; then echo "0 passed, 1 failed"; exit 1; fi
trap finish EXIT

check "apt-get install of the .deb succeeds" "$SB" install-deb "$deb"
check "digestd.service is active" wait_for 20 sb systemctl is-active --quiet digestd.service
check "postfix is running" wait_for 30 sbsh "systemctl is-active --quiet postfix@-.service || systemctl is-active --quiet postfix.service"
sb useradd -m alice
sb useradd -m -G digestd bob

echo "== the user unit has the system unit's name"
check "/usr/lib/systemd/user/digestd.service installed" sb test -f /usr/lib/systemd/user/digestd.service
check "no digestd-user.service" sbsh "! test -e /usr/lib/systemd/user/digestd-user.service"

echo "== before mail_to is set"
check "timer not listed by list-timers" sbsh "! systemctl list-timers --all --no-pager | grep -q digestd-briefing"
check "briefing service start succeeds (condition not met)" sb systemctl start digestd-briefing.service
check "… and sends nothing" [ "$(messages)" = 0 ]

echo "== articles"
drop harbour.txt <<'ART'
Harbour reopens after the storm

The harbour reopened on Monday after three days of closure. Ferries to the islands run again from Tuesday. The harbour master said the breakwater held.
ART
drop cafe.md <<'ART'
# Café owners in Sørvik ask for longer terraces

The café owners' association in Sørvik asked the council for longer terrace hours. The council will answer in March. Owners say the summer season is short.
ART
drop library.html <<'ART'
<!DOCTYPE html><html><head><title>Library extends opening hours</title></head><body><article><h1>Library extends opening hours</h1><p>The town library will stay open until nine in the evening from next month. A survey found that most readers come after work. The change costs little, the council said.</p></article></body></html>
ART
day=$(sb date +%F)
check "three articles in the digest" wait_for 20 sbsh "[ \$(grep -c '^## \\|^- ' /var/lib/digestd/digests/$day.md 2>/dev/null || echo 0) -ge 3 ]"

echo "== a member of group digestd, no flags (config lookup rule)"
check "bob: digestd check-config" sb runuser -u bob -- digestd check-config
check "bob: digestd digest prints today's digest" sbsh "cd /tmp && runuser -u bob -- digestd digest | grep -q 'Harbour reopens after the storm'"

echo "== mail_to set"
sbsh "sed -i 's/^mail_to .*/mail_to   = \"alice@localhost\"/; s/^day .*/day       = \"today\"/' $CONF"
check "check-config accepts it" sb digestd check-config
sb systemctl daemon-reload
check "the generator enabled the timer" sbsh "systemctl show -p WantedBy --value digestd-briefing.timer | grep -q timers.target"
sb systemctl start digestd-briefing.timer
check "list-timers shows digestd-briefing.timer" sbsh "systemctl list-timers --no-pager digestd-briefing.timer | grep -q digestd-briefing.timer"
check "timer: OnCalendar 07:00, Persistent" sbsh "systemctl show -p TimersCalendar -p Persistent digestd-briefing.timer | tr '\n' ' ' | grep -q '07:00:00.*Persistent=yes'"

echo "== the briefing through postfix"
check "digestd-briefing.service runs successfully" sb systemctl start digestd-briefing.service
one_message() { [ "$(messages)" = 1 ]; }
check "one message delivered to $MAILBOX" wait_for 30 one_message
sb journalctl -u digestd-briefing.service --no-pager -n 20 | tail -8
"$SB" pull "$MAILBOX" "$work/alice.mbox"
sb digestd digest --format json > "$work/day.json"
python3 - "$work" <<'PY' > "$work/parse.txt"
import email.policy, json, mailbox, sys
work = sys.argv[1]
box = mailbox.mbox(f"{work}/alice.mbox", factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default))
msgs = list(box)
m = msgs[0]
parts = [p for p in m.walk() if not p.is_multipart()]
types = [p.get_content_type() for p in parts]
text = next(p.get_content() for p in parts if p.get_content_type() == "text/plain")
html = next(p.get_content() for p in parts if p.get_content_type() == "text/html")
open(f"{work}/briefing.html", "w", encoding="utf-8").write(html)
titles = [a["title"] for a in json.load(open(f"{work}/day.json"))["articles"]]
print("type", m.get_content_type())
print("parts", " ".join(types))
print("subject", m["subject"])
print("titles", len(titles), all(t in text for t in titles))
print("missing", [t for t in titles if t not in text])
PY
cat "$work/parse.txt"
check "multipart/alternative" grep -qx "type multipart/alternative" "$work/parse.txt"
check "text/plain and text/html parts" grep -qx "parts text/plain text/html" "$work/parse.txt"
check "Subject: Digest for … — 3 articles" grep -q "^subject Digest for .* — 3 articles$" "$work/parse.txt"
check "the text part holds every article title" grep -qx "titles 3 True" "$work/parse.txt"
java -jar "$jar" --errors-only --format text "$work/briefing.html" >"$work/vnu.txt" 2>&1
vnu_status=$?
cat "$work/vnu.txt"
check "the HTML part passes the Nu validator" [ "$vnu_status" -eq 0 ]
check "the HTML part fetches nothing" sh -c "! grep -Eq '<link|<img|<script|src=|url\\(' '$work/briefing.html'"

echo "== a second start sends nothing"
check "second start succeeds" sb systemctl start digestd-briefing.service
sleep 3
check "still one message" [ "$(messages)" = 1 ]
check "journal says already sent" sbsh "journalctl -u digestd-briefing.service --no-pager | grep -q 'already sent'"
check "the ledger records the day" sbsh "runuser -u digestd -- digestd briefing --send | grep -q 'already sent'"

echo "== a day without articles: exit 66, which the unit counts as success"
sbsh "sed -i 's/^day .*/day       = \"yesterday\"/' $CONF"
check "digestd briefing --print on an empty day exits 66" sbsh "runuser -u digestd -- digestd briefing --print >/dev/null 2>&1; [ \$? -eq 66 ]"
check "digestd-briefing.service on an empty day succeeds" sb systemctl start digestd-briefing.service
check "… and is not failed" sbsh "! systemctl is-failed --quiet digestd-briefing.service"
check "… and says why in the journal" sbsh "journalctl -u digestd-briefing.service --no-pager | grep -q 'no articles for'"
sleep 3
check "still one message after the empty day" [ "$(messages)" = 1 ]

echo "== a member of group digestd reads the ledger with the service stopped"
sb systemctl stop digestd.service
check "bob: digestd digest with no service running" sbsh "cd /tmp && runuser -u bob -- digestd digest | grep -q 'Harbour reopens after the storm'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
