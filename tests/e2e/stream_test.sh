#!/bin/sh
# tonelint stream (issue 7, scale-out): the map step must give the same
# findings whether it reads a mailbox whole or in chunks that GNU parallel
# splits off, write each document's findings as soon as it is linted, and
# skip a bad record without stopping.
#   stream_test.sh BINARY RULES DATA
# RULES is the test pack (tests/e2e/rules/tone.yml), DATA is
# tests/e2e/data/stream. Without GNU parallel the chunked runs are skipped
# (exit 77).
set -u
bin=$1
rules=$2
data=$3
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $rules in /*) ;; *) rules=$(pwd)/$rules ;; esac
case $data in /*) ;; *) data=$(pwd)/$data ;; esac
root=$(cd "$data/../../../.." && pwd)
tmp=$(mktemp -d /tmp/tonelint-stream.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
cd "$tmp" || exit 1
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}
lint() { "$bin" stream --no-config --no-default-rules -r "$rules" "$@"; }

# --- JSON Lines: the exact output, bad records reported and skipped ------
lint --input jsonl <"$data/records.jsonl" >out 2>err
rc=$?
[ "$rc" -eq 2 ] || fail "jsonl: exit status $rc, expected 2 (bad records)"
cmp -s out "$data/records.out" || {
	fail "jsonl: findings differ from records.out"
	diff -u "$data/records.out" out
}
cmp -s err "$data/records.err" || {
	fail "jsonl: messages differ from records.err"
	diff -u "$data/records.err" err
}
# The good records alone: findings fail the run (1), or not (--fail-on).
grep -v -e '^not json' -e bad-escape -e no-text -e '"id": null' \
	-e trailing -e unterminated "$data/records.jsonl" >good.jsonl
lint --input jsonl <good.jsonl >out 2>err
rc=$?
[ "$rc" -eq 1 ] && [ ! -s err ] ||
	fail "jsonl, good records: exit status $rc, expected 1 and no message"
lint --input jsonl --fail-on never <good.jsonl >/dev/null 2>&1 ||
	fail "jsonl: --fail-on never still fails"
# --with-summary: one more line per document, findings or not.
lint --input jsonl --with-summary <good.jsonl >sum 2>/dev/null
n=$(grep -c '"summary": {' sum)
[ "$n" -eq 6 ] || fail "--with-summary: $n summary lines, expected 6"
grep -q '^{"id": "clean-doc", "summary": {"words": 5, "findings": 0' sum ||
	fail "--with-summary: no summary for the clean document"
# --input-format: the text of each record read as HTML.
printf '%s\n' '{"id": "h", "text": "<p>Please pay <b>immediately</b>.</p>"}' |
	lint --input jsonl --input-format html >out 2>&1
grep -q '"column": 11, "end_line": 1, "end_column": 29' out ||
	fail "--input-format html: positions are not the HTML source's"

# --- Usage errors --------------------------------------------------------
for args in "stream" "stream --input csv" "stream --input mbox x.mbox" \
	"stream --input mbox --input-format html" "stream --input jsonl -f json" \
	"--input jsonl -"; do
	# shellcheck disable=SC2086
	"$bin" $args </dev/null >/dev/null 2>&1
	rc=$?
	[ "$rc" -eq 2 ] || fail "'tonelint $args': exit status $rc, expected 2"
done

# --- Flushed per document: findings come out before the input ends -------
mkfifo in
lint --input jsonl <in >flushed 2>&1 &
pid=$!
exec 3>in
printf '%s\n' '{"id": "first", "text": "Failure to pay will result in a fee."}' >&3
i=0
while [ $i -lt 150 ] && ! grep -q '"first"' flushed 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
grep -q '"first"' flushed ||
	fail "the first document's findings waited for the end of the input"
exec 3>&-
wait $pid

# --- A mailbox of 200 messages, whole and split -------------------------
# Sources: the samples, the e2e mail, and this folder's messages (one with
# no Message-ID, one with CRLF lines). Plain text becomes a message body.
# Each copy gets an X-Copy header, so messages without a Message-ID differ;
# body lines starting with "From " are escaped as an mbox writer does.
set -- "$root"/samples/*.txt "$root"/samples/reminder-second.eml \
	"$root"/tests/e2e/data/email/notice.eml \
	"$root"/tests/e2e/data/email/reminder.eml "$data/no-id.eml" \
	"$data/crlf.eml"
count=$#
i=0
: >mail.mbox
while [ $i -lt 200 ]; do
	k=$((i % count + 1))
	eval "src=\${$k}"
	{
		echo "From sender@example.com Mon Mar  4 09:00:00 2024"
		case $src in
		*.txt)
			printf 'From: Billing <billing@example.com>\n'
			printf 'Subject: Note %d\n' $i
			# Every third plain message has no Message-ID.
			[ $((i % 3)) -eq 0 ] ||
				printf 'Message-ID: <copy.%d@stream.test>\n' $i
			printf 'X-Copy: %d\n\n' $i
			sed 's/^From />From /' "$src"
			;;
		*)
			printf 'X-Copy: %d\n' $i
			sed 's/^From />From /' "$src"
			;;
		esac
		echo
	} >>mail.mbox
	i=$((i + 1))
done
n=$(grep -c '^From sender' mail.mbox)
[ "$n" -eq 200 ] || fail "the generated mailbox has $n messages, not 200"

lint --input mbox <mail.mbox >whole 2>whole.err
rc=$?
[ "$rc" -eq 1 ] || fail "mbox: exit status $rc, expected 1 (findings)"
[ -s whole ] || fail "mbox: no findings"
# Ids are Message-IDs, or a hash for a message without one.
grep -q '^{"id": "copy\.70@stream\.test", ' whole ||
	fail "mbox: no finding carries the Message-ID copy.70@stream.test"
grep -q '^{"id": "fnv1a:[0-9a-f]\{16\}", ' whole ||
	fail "mbox: no finding carries a hash id"
grep -q '^{"id": "crlf\.7@example\.com", ' whole ||
	fail "mbox: the CRLF message has no finding"
# Every line is one JSON object.
if command -v python3 >/dev/null 2>&1; then
	python3 -c '
import json, sys
for n, line in enumerate(open(sys.argv[1]), 1):
    d = json.loads(line)
    assert isinstance(d, dict) and "id" in d and "rule" in d, n
' whole || fail "mbox: an output line is not a finding in JSON"
fi

if ! command -v parallel >/dev/null 2>&1; then
	echo "SKIP: GNU parallel is missing: no split runs"
	[ $fails -eq 0 ] || exit 1
	exit 77
fi
# Records end at a blank line and start at "From ", as stream splits.
parallel --will-cite --pipe --recend '\n\n' --recstart 'From ' \
	--block 20k -j 4 --joblog jobs \
	"$bin" stream --no-config --no-default-rules -r "$rules" \
	--input mbox --fail-on never <mail.mbox >split 2>split.err
rc=$?
[ "$rc" -eq 0 ] || fail "parallel: exit status $rc (a job failed)"
jobs=$(($(wc -l <jobs) - 1))
[ "$jobs" -ge 4 ] || fail "parallel ran $jobs jobs: the mailbox was not split"
sort whole >a
sort split >b
cmp -s a b || {
	fail "the split run's findings differ from the whole run's"
	diff a b | head -20
}
cmp -s whole.err split.err || [ ! -s whole.err ] ||
	echo "note: messages on stderr differ in order (expected)"

# JSON Lines split by lines: the same findings as one run.
i=0
: >many.jsonl
while [ $i -lt 20 ]; do
	cat good.jsonl >>many.jsonl
	i=$((i + 1))
done
lint --input jsonl <many.jsonl | sort >a
parallel --will-cite --pipe -N 30 -j 4 "$bin" stream --no-config \
	--no-default-rules -r "$rules" --input jsonl <many.jsonl | sort >b
cmp -s a b || fail "jsonl: the split run's findings differ"

[ $fails -eq 0 ] || exit 1
echo "stream: all checks passed"
