#!/bin/sh
# Runs one end-to-end case: the real binary on real files, compared with the
# exact expected output and exit status.
#   run_case.sh BINARY CASE_DIR
# CASE_DIR holds: args (the command line after the binary, in shell syntax),
# optional stdin, and the expected stdout, stderr (absent: empty) and status.
# Runs from the project root, so paths in the output are relative to it.
set -u
bin=$1
case_dir=$2
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
eval "set -- $(cat "$case_dir/args")"
if [ -f "$case_dir/stdin" ]; then
	NO_COLOR= "$bin" "$@" <"$case_dir/stdin" >"$out" 2>"$err"
else
	NO_COLOR= "$bin" "$@" </dev/null >"$out" 2>"$err"
fi
status=$?
fail=0
expected_status=$(cat "$case_dir/status")
if [ "$status" != "$expected_status" ]; then
	echo "exit status: expected $expected_status, got $status"
	fail=1
fi
if ! diff -u "$case_dir/stdout" "$out"; then
	echo "(stdout differs)"
	fail=1
fi
expected_err=/dev/null
[ -f "$case_dir/stderr" ] && expected_err=$case_dir/stderr
if ! diff -u "$expected_err" "$err"; then
	echo "(stderr differs)"
	fail=1
fi
exit $fail
