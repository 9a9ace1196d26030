#!/bin/sh
# The HTML report in a real browser. Renders the report of samples/ in
# headless Chromium and checks, through the DOM after the page's script ran,
# that every count, highlight and suggestion of the JSON report of the same
# run is on the page, that the filters work (the page opened with
# #hide=cat-cold,sev-suggestion), that the page is well-formed XML and
# refers to nothing outside itself; then takes a screenshot.
#   report_test.sh BINARY [SCREENSHOT.png]
# Run from the project root. Exits 77 (CTest's SKIP_RETURN_CODE) when
# Chromium or python3 is missing: `sh .ci/bootstrap test` installs Debian's
# chromium package. To refresh the picture in the docs:
#   sh tests/browser/report_test.sh build/tonelint docs/report-screenshot.png
set -u
bin=$1
shot=${2:-}
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	echo "SKIP: no chromium to render the report in (Debian: apt-get install chromium; sh .ci/bootstrap test does it)"
	exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP: python3 is needed to check the page"
	exit 77
fi
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "report_test: $*"
	exit 1
}

# Findings are the point: exit status 1 is a success here.
lint() {
	status=0
	"$bin" "$@" || status=$?
	[ "$status" -le 1 ] || fail "tonelint $* exited with $status"
}
lint --format html -o "$tmp/report.html" samples/
lint --format json samples/ >"$tmp/report.json"
"$bin" --list-rules >"$tmp/rules.txt" || fail "tonelint --list-rules failed"
[ -s "$tmp/report.html" ] || fail "no report written"

# A profile of its own for each call (tests may run in parallel, and a
# killed Chromium may leave its profile locked). Chromium is quiet about
# the session bus and GPU it does not have; its messages are kept for a
# failure only. Headless Chromium now and then hangs without writing
# anything (once in CI's sanitizer stage, under load: 120 s and no
# screenshot, where it takes 2 s): each call is tried a second time, with
# a fresh profile, before the test fails. `browse OUT ARGS...` writes
# Chromium's standard output to OUT, afresh on each try.
calls=0
browse() {
	out=$1
	shift
	for try in 1 2; do
		calls=$((calls + 1))
		if timeout -k 5 60 "$chromium" --headless --no-sandbox --disable-gpu \
			--disable-quic --no-first-run \
			--disable-background-networking \
			--disable-component-update --disable-sync \
			--user-data-dir="$tmp/profile$calls" --hide-scrollbars "$@" \
			>"$out" 2>>"$tmp/chromium.log"; then
			return 0
		fi
		echo "report_test: chromium failed on try $try" >>"$tmp/chromium.log"
	done
	cat "$tmp/chromium.log"
	return 1
}
url="file://$(cd "$tmp" && pwd)/report.html"
browse "$tmp/dom.html" --dump-dom "$url" ||
	fail "chromium could not render the report"
browse "$tmp/filtered.html" --dump-dom "$url#hide=cat-cold,sev-suggestion" ||
	fail "chromium could not render the filtered report"

# The golden pages of the end-to-end tests must be well-formed too.
goldens=""
for f in tests/e2e/cases/html-report-*/stdout; do
	[ -s "$f" ] && goldens="$goldens $f"
done
# shellcheck disable=SC2086 # the golden paths have no spaces
python3 "$here/check_report.py" "$tmp/report.html" "$tmp/dom.html" \
	"$tmp/filtered.html" "$tmp/report.json" "$tmp/rules.txt" $goldens ||
	fail "the page is not right"

if [ -n "$shot" ]; then
	rm -f "$tmp/shot.png"
	browse /dev/null --screenshot="$tmp/shot.png" --window-size=1280,2400 \
		"$url" || fail "no screenshot"
	# A PNG starts with \211PNG.
	[ "$(head -c 4 "$tmp/shot.png" | tail -c 3)" = PNG ] ||
		fail "the screenshot is not a PNG"
	cp "$tmp/shot.png" "$shot" || fail "cannot write $shot"
	echo "report_test: screenshot in $shot"
fi
