#!/bin/sh
# --fix on real files: it writes, keeps the file's permissions, and a second
# run changes nothing; it leaves the original untouched when the file is
# read-only, the file system is read-only, the disk is full, or the file
# changes while it is being linted.
#   fix_safety.sh BINARY RULES
# The read-only file system and the full disk need `mount` (root in a
# container that allows it); without it those two parts are skipped here,
# and tests/unit/test_filewrite.c injects the same failures at the system
# calls.
set -u
bin=$1
rules=$2
t=$(mktemp -d)
mounted=""
cleanup() {
	exec 3>&- 2>/dev/null
	for m in $mounted; do umount "$m" 2>/dev/null; done
	chmod -R u+w "$t" 2>/dev/null
	rm -rf "$t"
}
trap cleanup EXIT
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}
lint() { # lint [ARGS...]: stdout in $t/out, stderr in $t/err, status in $rc
	NO_COLOR= "$bin" --no-default-rules --rules "$rules" "$@" \
		>"$t/out" 2>"$t/err" </dev/null
	rc=$?
}
text='Dear customer,

Kindly settle the invoice prior to Friday. We hereby confirm a prior
notice was sent. In the event that you have paid, utilise the portal.
'
fixed='Dear customer,

Please pay the invoice before Friday. We confirm an advance
notice was sent. If you have paid, use the portal.
'
# No trailing newline is lost by $(...): compare files, not strings.
printf '%s' "$fixed" >"$t/expected"

# --- --fix writes, keeps the mode, and a second run changes nothing.
f=$t/reminder.txt
printf '%s' "$text" >"$f"
chmod 640 "$f"
lint --fix "$f"
[ "$rc" = 0 ] || bad "--fix: status $rc"
cmp -s "$f" "$t/expected" || bad "--fix: unexpected result: $(cat "$f")"
[ "$(stat -c %a "$f")" = 640 ] || bad "--fix: mode $(stat -c %a "$f")"
grep -q "applied 6 fixes in 1 file" "$t/err" || bad "--fix: $(cat "$t/err")"
[ "$(ls -A "$t" | grep -c tonelint)" = 0 ] || bad "--fix left: $(ls -A "$t")"
lint --fix "$f"
[ "$rc" = 0 ] || bad "second --fix: status $rc"
cmp -s "$f" "$t/expected" || bad "second --fix changed the file"
grep -q "applied 0 fixes in 0 files" "$t/err" ||
	bad "second --fix: $(cat "$t/err")"
lint --diff "$f"
[ "$rc" = 0 ] && [ ! -s "$t/out" ] || bad "--diff after --fix: status $rc"

# --- The same with the built-in rules.
d=$t/built-in.txt
printf 'Any and all fees are due and payable prior to 1 May.\nPlease utilise the portal.\n' >"$d"
NO_COLOR= "$bin" --no-config --fix "$d" >"$t/out" 2>"$t/err" </dev/null
[ "$(cat "$d")" = "All fees are due before 1 May.
Please use the portal." ] || bad "built-in rules: $(cat "$d")"
cp "$d" "$t/built-in.once"
NO_COLOR= "$bin" --no-config --fix "$d" >"$t/out" 2>"$t/err" </dev/null
cmp -s "$d" "$t/built-in.once" || bad "built-in rules: second run changed it"
grep -q "applied 0 fixes" "$t/err" || bad "built-in rules: $(cat "$t/err")"

# --- What remains is reported where it now is in the fixed file, and so
# are the notes on fixes that were not applied.
m=$t/remains.txt
printf 'Now utilise it. Kindly settle it or we take legal action.\n' >"$m"
lint --fix "$m"
[ "$rc" = 1 ] || bad "remains: status $rc"
[ "$(cat "$m")" = "Now use it. Please pay it or we take legal action." ] ||
	bad "remains: $(cat "$m")"
grep -q "^$m:1:38: error: Threatening legal action. \[threat.legal\]" \
	"$t/out" || bad "remains: $(cat "$t/out")"
grep -q "^$m:1:13: note: jargon.kindly: fix not applied: it overlaps the fix of demand.settle, which has a higher severity" \
	"$t/err" || bad "remains: $(cat "$t/err")"

# --- --diff changes nothing, and its diff is what --fix does.
g=$t/diffed.txt
printf '%s' "$text" >"$g"
cp "$g" "$t/before"
lint --diff "$g"
[ "$rc" = 1 ] || bad "--diff: status $rc"
cmp -s "$g" "$t/before" || bad "--diff changed the file"
patch -s "$g" <"$t/out" || bad "--diff: patch failed"
cmp -s "$g" "$t/expected" || bad "--diff: patched result differs"

# --- A read-only file is an error, and stays as it was.
r=$t/read-only.txt
printf '%s' "$text" >"$r"
chmod 444 "$r"
lint --fix "$r"
[ "$rc" = 2 ] || bad "read-only file: status $rc"
grep -q "read-only.txt: error: is read-only; not fixed" "$t/err" ||
	bad "read-only file: $(cat "$t/err")"
[ "$(printf '%s' "$text" | cmp - "$r" && echo same)" = same ] ||
	bad "read-only file was changed"

# --- A file that changes while it is being linted is not overwritten. A
# FIFO that is held open keeps the first input unfinished, so the second,
# read at once by the other worker, waits to be fixed in input order; it is
# edited meanwhile.
c=$t/changed.txt
p=$t/hold
printf '%s' "$text" >"$c"
mkfifo "$p"
exec 3<>"$p"
NO_COLOR= "$bin" --no-default-rules --rules "$rules" --fix -j 2 "$p" "$c" \
	>"$t/out" 2>"$t/err" </dev/null 3>&- &
pid=$!
i=0
while [ $i -lt 100 ] && ! ls -l /proc/$pid/fd 2>/dev/null | grep -q hold; do
	sleep 0.1
	i=$((i + 1))
done
sleep 1 # the other worker reads changed.txt at start
printf 'Edited meanwhile: utilise it.\n' >"$c"
exec 3>&-
wait $pid
rc=$?
[ "$rc" = 2 ] || bad "changed file: status $rc"
grep -q "changed.txt: error: changed while it was being linted; not overwritten" \
	"$t/err" || bad "changed file: $(cat "$t/err")"
[ "$(cat "$c")" = "Edited meanwhile: utilise it." ] ||
	bad "changed file was overwritten: $(cat "$c")"

# --- Standard input cannot be fixed in place.
NO_COLOR= "$bin" --no-default-rules --rules "$rules" --fix - \
	>"$t/out" 2>"$t/err" <"$t/before"
rc=$?
[ "$rc" = 2 ] || bad "stdin: status $rc"
grep -q "cannot rewrite standard input; use --diff" "$t/err" ||
	bad "stdin: $(cat "$t/err")"

# --- A read-only file system and a full disk, where mounting is allowed.
if mkdir "$t/ro" && mount -t tmpfs -o size=1m tmpfs "$t/ro" 2>/dev/null; then
	mounted="$t/ro $mounted"
	printf '%s' "$text" >"$t/ro/a.txt"
	mount -o remount,ro "$t/ro" || bad "cannot remount read-only"
	lint --fix "$t/ro/a.txt"
	[ "$rc" = 2 ] || bad "read-only file system: status $rc"
	grep -q "a.txt: error: cannot be written (Read-only file system); not fixed" \
		"$t/err" || bad "read-only file system: $(cat "$t/err")"
	[ "$(printf '%s' "$text" | cmp - "$t/ro/a.txt" && echo same)" = same ] ||
		bad "read-only file system: file changed"

	mkdir "$t/full"
	mount -t tmpfs -o size=64k tmpfs "$t/full" || bad "cannot mount 64k"
	mounted="$t/full $mounted"
	# 40 KiB of prose: it fits once, not twice.
	i=0
	while [ $i -lt 800 ]; do
		printf 'Line %03d: please utilise the portal for payments.\n' $i
		i=$((i + 1))
	done >"$t/full/big.txt"
	cp "$t/full/big.txt" "$t/big-before"
	lint --fix "$t/full/big.txt"
	[ "$rc" = 2 ] || bad "full disk: status $rc"
	grep -q "big.txt: error: cannot write the fixed text (No space left on device); the file is unchanged" \
		"$t/err" || bad "full disk: $(cat "$t/err")"
	cmp -s "$t/full/big.txt" "$t/big-before" || bad "full disk: file changed"
	[ "$(ls -A "$t/full")" = big.txt ] ||
		bad "full disk: left $(ls -A "$t/full")"
else
	echo "skipped: read-only file system and full disk (mount not permitted;"
	echo "         tests/unit/test_filewrite.c injects those failures)"
fi
exit $fail
