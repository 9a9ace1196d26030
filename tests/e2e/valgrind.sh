#!/bin/sh
# Runs the end-to-end tests with the binary under valgrind memcheck:
#   valgrind.sh BINARY
# Every case of tests/e2e/cases, the bad-input script (without its 100 MB
# cases: TL_E2E_QUICK=1) and the git test, each with BINARY wrapped so that
# any memcheck error or leak (definite or indirect) is printed on standard
# error and ends the run with status 99: the case's exact comparison then
# fails. Prints one line per failing test and a closing count; exits 1 if
# any failed. Runs from the project root.
set -u
cd "$(dirname "$0")/../.."
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
command -v valgrind >/dev/null 2>&1 || {
	echo "valgrind.sh: valgrind not found" >&2
	exit 2
}
tmp=$(mktemp -d /tmp/tonelint-valgrind.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp" # the bad-input script runs one case as nobody
wrap=$tmp/tonelint
cat >"$wrap" <<EOF
#!/bin/sh
exec valgrind -q --tool=memcheck --error-exitcode=99 --leak-check=full \\
	--show-leak-kinds=definite,indirect \\
	--errors-for-leak-kinds=definite,indirect \\
	"$bin" "\$@"
EOF
chmod 755 "$wrap"

# One script per test, run from the project root.
mkdir "$tmp/tests" "$tmp/logs"
root=$(pwd)
add() { # add NAME COMMAND
	printf 'cd "%s" || exit 1\n%s\n' "$root" "$2" >"$tmp/tests/$1"
}
for c in tests/e2e/cases/*/; do
	c=${c%/}
	add "e2e.${c##*/}" "sh tests/e2e/run_case.sh '$wrap' '$c'"
done
add e2e.bad_input "TL_E2E_QUICK=1 sh tests/e2e/bad_input.sh '$wrap' tests/e2e/rules/tone.yml"
add e2e.stream "sh tests/e2e/stream_test.sh '$wrap' tests/e2e/rules/tone.yml tests/e2e/data/stream"
if command -v git >/dev/null 2>&1; then
	add e2e.git "sh tests/e2e/git_test.sh '$wrap' tests/e2e/rules/tone.yml"
fi

total=$(ls "$tmp/tests" | wc -l)
start=$(date +%s)
# Two tests at a time per processor: memcheck runs a program on one thread.
jobs=$(($(nproc 2>/dev/null || echo 1) * 2))
ls "$tmp/tests" | xargs -P "$jobs" -I{} sh -c \
	'sh "$0/tests/$1" >"$0/logs/$1.log" 2>&1 && : >"$0/logs/$1.ok"' \
	"$tmp" {}
failed=0
for name in $(ls "$tmp/tests"); do
	if [ ! -f "$tmp/logs/$name.ok" ]; then
		failed=$((failed + 1))
		echo "valgrind: FAILED $name"
		sed 's/^/    /' "$tmp/logs/$name.log" | head -40
	fi
done
secs=$(($(date +%s) - start))
echo "valgrind memcheck: $((total - failed)) of $total end-to-end tests passed, $failed failed (${secs}s)"
[ "$failed" -eq 0 ]
