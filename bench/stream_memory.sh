#!/bin/sh
# Memory of tonelint stream (issue 7, "bounded memory"; not a test: it only
# measures). Streams generated mailboxes of SMALL_MB (default 20) and
# SIZE_MB (default 200) with the built-in rules and prints the peak
# resident set of each, as GNU time reports it: the two should be about the
# same, since one message is held at a time. A last run adds one 8 MB message to show that memory
# follows the largest message.
#   bench/stream_memory.sh [BINARY [SIZE_MB [SMALL_MB]]]
# The mailboxes are written to a temporary folder under /tmp and deleted.
set -eu
bin=${1:-build/tonelint}
mb=${2:-200}
small=${3:-20}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
[ -x /usr/bin/time ] || {
	echo "stream_memory.sh: needs GNU time (/usr/bin/time)" >&2
	exit 2
}
tmp=$(mktemp -d /tmp/tonelint-streammem.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# About 100 KB of messages: the sample mailbox and the sample texts as
# message bodies, each copy with its own Message-ID.
i=0
for f in "$root"/samples/*.txt "$root"/samples/*.txt "$root"/samples/*.txt \
	"$root"/samples/*.txt "$root"/samples/*.txt "$root"/samples/*.txt; do
	i=$((i + 1))
	printf 'From bench@example.com Mon Mar  4 09:00:00 2024\n'
	printf 'From: Billing <billing@example.com>\nSubject: Note %d\n' $i
	printf 'Message-ID: <bench.%d@example.com>\n\n' $i
	sed 's/^From />From /' "$f"
	printf '\n'
done >"$tmp/base.mbox"
cat "$root/samples/reminders.mbox" >>"$tmp/base.mbox"

grow() { # grow FILE MB: doubles the base, then cuts FILE at MB megabytes
	cp "$tmp/base.mbox" "$1"
	while [ "$(wc -c <"$1")" -lt $(($2 * 1024 * 1024)) ]; do
		cat "$1" "$1" >"$1.next"
		mv "$1.next" "$1"
	done
	# The cut may end the last message early: it is still a message.
	head -c $(($2 * 1024 * 1024)) "$1" >"$1.next"
	mv "$1.next" "$1"
}

measure() { # measure LABEL FILE
	size=$(($(wc -c <"$2") / 1024 / 1024))
	start=$(date +%s)
	status=0
	# Findings are counted, not kept: there are more of them than input.
	{
		/usr/bin/time -f %M -o "$tmp/rss" "$bin" stream --input mbox \
			--no-config --fail-on never <"$2" || echo $? >"$tmp/status"
	} | wc -l >"$tmp/count"
	end=$(date +%s)
	status=$(cat "$tmp/status" 2>/dev/null || echo 0)
	rm -f "$tmp/status"
	printf '%-28s %5d MB  %8d findings  peak RSS %6d KB  %4d s  exit %d\n' \
		"$1" "$size" "$(cat "$tmp/count")" "$(tail -n 1 "$tmp/rss")" \
		$((end - start)) "$status"
}

grow "$tmp/small.mbox" "$small"
measure "mailbox" "$tmp/small.mbox"
rm -f "$tmp/small.mbox"
grow "$tmp/big.mbox" "$mb"
measure "mailbox" "$tmp/big.mbox"

# One large message (8 MB of body) at the end of the big mailbox.
{
	printf '\nFrom bench@example.com Mon Mar  4 09:00:00 2024\n'
	printf 'Subject: Large\nMessage-ID: <large@example.com>\n\n'
	i=0
	while [ $i -lt 8 ]; do
		sed 's/^From />From /' "$tmp/base.mbox"
		i=$((i + 1))
	done >"$tmp/part"
	while [ "$(wc -c <"$tmp/part")" -lt $((8 * 1024 * 1024)) ]; do
		cat "$tmp/part" "$tmp/part" >"$tmp/part.next"
		mv "$tmp/part.next" "$tmp/part"
	done
	cat "$tmp/part"
} >>"$tmp/big.mbox"
measure "mailbox + one 8 MB message" "$tmp/big.mbox"
