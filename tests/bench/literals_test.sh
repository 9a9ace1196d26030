#!/bin/sh
# tonelint-literals (bench/literals.c), which gives bench/speed.py the
# built-in patterns' literals for rg: known literals, whole characters
# only (a literal cut inside one would make rg refuse the list), and the
# count it says on standard error.
set -eu
bin=$1
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
"$bin" >"$out" 2>"$err"
grep -qx 'late payment' "$out"
grep -qx 'legal action' "$out"
n=$(wc -l <"$out")
[ "$n" -gt 1000 ] || { echo "only $n literals" >&2; exit 1; }
grep -q "^tonelint-literals: $n literals of [0-9]* patterns" "$err" ||
	{ cat "$err" >&2; exit 1; }
iconv -f UTF-8 -t UTF-8 "$out" >/dev/null
echo "ok: $n literals"
