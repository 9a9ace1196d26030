#!/bin/sh
# Memory of tonelint on one large plain-text file or mailbox (issue 8;
# issue 7, "bounded memory"; not a test: it only measures). Lints generated
# files of each size in SIZES_MB (default "20 200 1024") with the built-in
# rules, with BINARY and, if given, with BASELINE (an older build) side by
# side, and prints the peak resident set of each as GNU time reports it.
# Files over 2 x --piece-size (1 MiB) are read in pieces, so the peak
# should stay flat as the file grows. --max-file-size is raised to let the
# largest file in. Findings are counted, not kept.
#   [FORMAT=mbox] bench/lint_memory.sh [BINARY [BASELINE [SIZES_MB]]]
# FORMAT=mbox lints a mailbox (the test mailboxes, repeated; the last
# message is cut where the size ends) instead of plain text.
# The files are written to a temporary folder under /tmp and deleted.
set -eu
bin=${1:-build/tonelint}
base=${2:-}
sizes=${3:-"20 200 1024"}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $base in /* | "") ;; *) base=$(pwd)/$base ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
[ -x /usr/bin/time ] || {
	echo "lint_memory.sh: needs GNU time (/usr/bin/time)" >&2
	exit 2
}
tmp=$(mktemp -d /tmp/tonelint-lintmem.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

format=${FORMAT:-text}
big=$tmp/big.txt
if [ "$format" = mbox ]; then
	# Messages of every shape the reader knows (multipart, base64,
	# quoted-printable, charsets, GMime warnings), about 23 KB; not the
	# one with a suppression comment, after which the rest of a mailbox
	# is read as one piece.
	big=$tmp/big.mbox
	cat "$root"/tests/e2e/data/email/pieces.mbox \
		"$root"/tests/e2e/data/email/reminders.mbox >"$tmp/base.txt"
else
	# Harsh business prose: the sample texts, paragraphs separated by
	# blank lines, about 100 KB.
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		cat "$root"/samples/*.txt
		printf '\n'
	done >"$tmp/base.txt"
fi

grow() { # grow FILE MB
	cp "$tmp/base.txt" "$1"
	while [ "$(wc -c <"$1")" -lt $(($2 * 1024 * 1024)) ]; do
		cat "$1" "$1" >"$1.next"
		mv "$1.next" "$1"
	done
	head -c $(($2 * 1024 * 1024)) "$1" >"$1.next"
	mv "$1.next" "$1"
}

run() { # run BINARY FILE: prints "RSS_KB SECONDS FINDINGS EXIT"
	start=$(date +%s)
	{
		/usr/bin/time -f %M -o "$tmp/rss" "$1" --no-config \
			--max-file-size 2G --fail-on never "$2" 2>"$tmp/err" ||
			echo $? >"$tmp/status"
	} | grep -c ': error: \|: warning: \|: suggestion: ' >"$tmp/count" || true
	end=$(date +%s)
	status=$(cat "$tmp/status" 2>/dev/null || echo 0)
	rm -f "$tmp/status"
	echo "$(tail -n 1 "$tmp/rss") $((end - start)) $(cat "$tmp/count") $status"
}

printf '%-8s %-40s %-40s\n' "size" "this build: peak RSS, time, findings" \
	"${base:+baseline: peak RSS, time, findings}"
for mb in $sizes; do
	grow "$big" "$mb"
	set -- $(run "$bin" "$big")
	now=$(printf '%8d KB %5d s %9d (exit %d)' "$1" "$2" "$3" "$4")
	was=
	if [ -n "$base" ]; then
		set -- $(run "$base" "$big")
		was=$(printf '%8d KB %5d s %9d (exit %d)' "$1" "$2" "$3" "$4")
	fi
	printf '%-8s %-40s %-40s\n' "$mb MB" "$now" "$was"
	rm -f "$big"
done
