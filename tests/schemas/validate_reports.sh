#!/bin/sh
# Lints the samples, the special-character inputs of the format tests and a
# few more in each machine format, and validates every report against its
# schema (README.md here says where each comes from): JSON formats with
# python3-jsonschema (validate.py), XML ones with xmllint --schema.
#   validate_reports.sh BINARY
# Runs from the project root. Exit 77 (skipped) only when a validator is
# missing; .ci/bootstrap installs both.
set -u
bin=$1
here=tests/schemas
py=""
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import jsonschema' 2>/dev/null; then
		py=$p
		break
	fi
done
if [ -z "$py" ] || ! command -v xmllint >/dev/null 2>&1; then
	echo "skipped: needs python3-jsonschema and xmllint (libxml2-utils)"
	exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

n=0
# lint NAME ARGS...: one report per format, as $out/FORMAT/NAME.
lint() {
	name=$1
	shift
	n=$((n + 1))
	for f in sarif rdjson gitlab junit checkstyle; do
		mkdir -p "$out/$f"
		"$bin" --no-config --fail-on never --format "$f" "$@" \
			>"$out/$f/$name" 2>"$out/stderr"
		st=$?
		if [ "$st" -ne 0 ]; then
			echo "tonelint --format $f $*: exit status $st"
			cat "$out/stderr"
			fail=1
		fi
	done
}
fail=0
for s in samples/*; do
	lint "sample-$(basename "$s")" "$s"
done
lint samples-all samples/
esc="--no-default-rules --rules tests/e2e/data/ci/escape-rules.yml"
# shellcheck disable=SC2086 # $esc is words
lint escaping $esc "tests/e2e/data/ci/50% off, now.txt"
# shellcheck disable=SC2086
lint escaping-many $esc tests/e2e/data/ci/many.txt
lint tone --no-default-rules --rules tests/e2e/rules/tone.yml \
	tests/e2e/data/reminder.txt tests/e2e/data/friendly.txt \
	tests/e2e/data/multibyte.txt
lint clean --no-default-rules --rules tests/e2e/rules/tone.yml \
	tests/e2e/data/friendly.txt
lint fixes --no-default-rules --rules tests/e2e/rules/fix.yml \
	tests/e2e/data/fix/
lint unused-suppressions --report-unused-suppressions --no-default-rules \
	--rules tests/e2e/rules/tone.yml tests/e2e/data/suppress/
lint nothing --no-default-rules --rules tests/e2e/rules/tone.yml \
	tests/e2e/data/bom.txt

# GitHub rejects a run of more than 25000 results: past them, none is
# written and the run's invocation says how many were left out.
"$py" -c 'for i in range(25003): print("Dear customer, notwithstanding.")' \
	>"$out/big.txt"
"$bin" --no-config --fail-on never --format sarif $esc "$out/big.txt" \
	>"$out/sarif/over-github-limit" || fail=1
"$py" - "$out/sarif/over-github-limit" <<'EOF_PY' || fail=1
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
note = run["invocations"][0]["toolExecutionNotifications"][0]
n = len(run["results"])
if n != 25000 or not note["message"]["text"].startswith("25006 more"):
    sys.exit("over the limit: %d results, %r" % (n, note))
EOF_PY
"$py" $here/validate.py sarif $here/sarif-schema-2.1.0.json \
	"$out"/sarif/* || fail=1
"$py" $here/validate.py rdjson $here/rdjson-DiagnosticResult.jsonschema \
	"$out"/rdjson/* || fail=1
"$py" $here/validate.py gitlab $here/gitlab-codequality.json \
	"$out"/gitlab/* || fail=1
for f in junit:junit-jenkins.xsd checkstyle:checkstyle.xsd; do
	fmt=${f%%:*}
	xsd=$here/${f#*:}
	bad=0
	for r in "$out/$fmt"/*; do
		xmllint --noout --schema "$xsd" "$r" 2>"$out/xmlerr" ||
			{ bad=$((bad + 1)); head -5 "$out/xmlerr"; }
	done
	echo "$fmt: $((n - bad)) of $n reports valid against ${xsd##*/}"
	[ "$bad" -eq 0 ] || fail=1
done
exit $fail
