#!/bin/sh
# Runs each libFuzzer target built by fuzz/build.sh for a bounded time:
#   sh fuzz/run.sh SECONDS [TARGET...]      (default: every target)
# Environment: FUZZ_BUILD (default build-fuzz), FUZZ_OUT (where new corpus
# entries, crashes and logs go; default a temporary folder, kept on failure).
# Each target starts from its seed corpus, fuzz/corpus/TARGET, and its
# dictionary, fuzz/dict/TARGET.dict, when there is one. The seeds are not
# changed: new inputs go to FUZZ_OUT. Prints one line per target with the
# executions done; exits 1 if any target crashed, leaked, timed out or ran
# out of memory, leaving the reproducer in FUZZ_OUT/TARGET/.
set -u
cd "$(dirname "$0")/.."
secs=${1:?usage: sh fuzz/run.sh SECONDS [TARGET...]}
shift
build=${FUZZ_BUILD:-build-fuzz}
out=${FUZZ_OUT:-$(mktemp -d /tmp/tonelint-fuzz.XXXXXX)}
if [ $# -eq 0 ]; then
	set -- $(cat fuzz/targets)
fi
failed=""
for t in "$@"; do
	bin=$build/tests/fuzz/fuzz_$t
	[ -x "$bin" ] || {
		echo "fuzz/run.sh: $bin missing (sh fuzz/build.sh)" >&2
		failed="$failed $t"
		continue
	}
	mkdir -p "$out/$t/corpus"
	dict=""
	[ -f "fuzz/dict/$t.dict" ] && dict="-dict=fuzz/dict/$t.dict"
	# -timeout: one input taking this long is a hang; -rss_limit_mb: a
	# reader whose memory grows without bound is a bug too.
	# intercept_tls_get_addr=0: .ci/bootstrap says why (LeakSanitizer's
	# tracer crash on GLib's dynamic TLS).
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1:intercept_tls_get_addr=0 \
		UBSAN_OPTIONS=print_stacktrace=1 \
		"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$out/$t/" $dict \
		"$out/$t/corpus" "fuzz/corpus/$t" >"$out/$t/log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t/log")
	units=$(find "$out/$t/corpus" -type f | wc -l)
	if [ "$rc" -eq 0 ]; then
		echo "fuzz $t: ${execs:-?} executions in ${secs}s, $units new corpus entries, no crash"
	else
		echo "fuzz $t: FAILED (status $rc) after ${execs:-?} executions:"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*invariant broken|.*runtime error)' \
			"$out/$t/log" | head -5
		ls "$out/$t"/crash-* "$out/$t"/leak-* "$out/$t"/timeout-* \
			"$out/$t"/oom-* 2>/dev/null
		failed="$failed $t"
	fi
done
if [ -n "$failed" ]; then
	echo "fuzz/run.sh: failed:$failed (logs and reproducers in $out)"
	exit 1
fi
[ -n "${FUZZ_OUT:-}" ] || rm -rf "$out"
exit 0
