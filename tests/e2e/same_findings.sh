#!/bin/sh
# The literal prefilter and the worker pool change how fast tonelint runs,
# never what it finds (issue 7): the built-in rules over the samples, the
# quality corpus (its documents, and its labelled lines as one text), a
# generated stretch of business prose and a text cut into pieces give the
# same report, byte for byte, with the prefilter and without it
# (--no-prefilter runs every pattern over the whole text), and with one
# worker or several.
#   same_findings.sh BINARY ROOT
set -u
bin=$1
root=$2
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$root" || exit 1
tmp=$(mktemp -d /tmp/tonelint-same.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
fails=0
checks=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# The labelled lines, a paragraph each; and 300 KB of the benchmark's
# prose (one harsh sentence in a hundred), cut into pieces of 64 KiB when
# read with --piece-size.
tail -n +2 tests/corpus/lines.tsv | cut -f3 | sed 'a\
' >"$tmp/lines.txt"
python3 -c '
import sys
sys.path.insert(0, "bench")
import speed
speed.make_corpus(sys.argv[1], 0.3)
' "$tmp/prose.txt" || fail "could not generate the prose"

# same NAME ARGS...: the report with the prefilter and -j1 is the
# reference; without the prefilter, and with -j2 and -j3, it must not move.
same() {
	name=$1
	shift
	"$bin" --no-config -f json -j 1 "$@" >"$tmp/$name.ref" 2>"$tmp/$name.err"
	rc=$?
	if [ "$rc" -ne 1 ]; then
		fail "$name: exit status $rc, expected 1 (findings)"
		cat "$tmp/$name.err"
		return
	fi
	for variant in "--no-prefilter -j 1" "-j 2" "-j 3" "--no-prefilter -j 2"; do
		checks=$((checks + 1))
		# shellcheck disable=SC2086 # the variant is several words
		"$bin" --no-config -f json $variant "$@" >"$tmp/$name.out" \
			2>/dev/null
		cmp -s "$tmp/$name.ref" "$tmp/$name.out" || {
			fail "$name: $variant differs"
			diff "$tmp/$name.ref" "$tmp/$name.out" | head -20
		}
	done
	# the reference must hold findings, or the test compares nothing
	grep -q '"rule"' "$tmp/$name.ref" || fail "$name: no findings"
}

same samples samples/
same documents tests/corpus/documents/
same lines "$tmp/lines.txt"
same prose "$tmp/prose.txt"
same pieces --piece-size 64K "$tmp/prose.txt"
# mailboxes in pieces of a few messages, scanned on several workers: the
# message numbers and a suppression comment's reach as on one
same mbox-pieces --piece-size 1K tests/e2e/data/email/pieces.mbox \
	tests/e2e/data/email/pieces-suppress.mbox
# as a mail program names its mailboxes, with no extension
cp tests/e2e/data/email/pieces.mbox "$tmp/Inbox"
same mbox-no-extension --piece-size 1K "$tmp/Inbox"
echo "same_findings: $checks comparisons, $fails failed"
[ "$fails" -eq 0 ]
