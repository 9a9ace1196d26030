#!/bin/sh
# The bad-input catalogue's cases that a static case folder cannot hold
# (issue 8): each builds its situation in a temporary folder, runs the real
# binary there and compares the exact output and exit status.
#   bad_input.sh BINARY RULES
# RULES is the test pack (tests/e2e/rules/tone.yml). BINARY may be a
# wrapper (tests/e2e/valgrind.sh makes one); TL_E2E_QUICK=1 leaves out the
# cases that read 100 MB or more, which take minutes under valgrind.
#
# The cases of the catalogue that do fit in a folder are tests/e2e/cases/
# bad-*, rules-*, config-error-*, invalid-utf8-and-nul, catastrophic-pattern,
# missing-file and explicit-binary-file.
set -u
bin=$1
rules=$2
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $rules in /*) ;; *) rules=$(pwd)/$rules ;; esac
tmp=$(mktemp -d /tmp/tonelint-bad.XXXXXX)
cleanup() {
	chmod -R u+rwX "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
# Others (nobody, for the unreadable file) must reach the binary's wrapper
# and the work folder.
chmod 755 "$tmp"
mkdir "$tmp/w"
cd "$tmp/w" || exit 1

R="--no-default-rules --rules $rules"
passed=0
failed=0
status=0

run() { # run ARGS...: the binary with ARGS, no input
	NO_COLOR= "$bin" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
	status=$?
}

# expect NAME STATUS, then on standard input the expected output: lines
# "out:TEXT" (standard output) and "err:TEXT" (standard error), in order.
expect() {
	name=$1
	want=$2
	sed -n 's/^out://p' >"$tmp/want.out" <"$tmp/want" 2>/dev/null
	sed -n 's/^err://p' >"$tmp/want.err" <"$tmp/want" 2>/dev/null
	ok=1
	if [ "$status" != "$want" ]; then
		echo "$name: exit status: expected $want, got $status"
		ok=0
	fi
	if ! diff -u "$tmp/want.out" "$tmp/out" >"$tmp/diff"; then
		echo "$name: standard output differs:"
		cat "$tmp/diff"
		ok=0
	fi
	if ! diff -u "$tmp/want.err" "$tmp/err" >"$tmp/diff"; then
		echo "$name: standard error differs:"
		cat "$tmp/diff"
		ok=0
	fi
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
		echo "ok: $name"
	else
		failed=$((failed + 1))
	fi
}
# The expected lines are read by `want` from a here-document.
want() { cat >"$tmp/want"; }

# wait_open PID PATH: until process PID has PATH open (Linux /proc), so a
# step can happen at a known point of its run. Fails after 30 s.
wait_open() {
	i=0
	while [ $i -lt 300 ]; do
		for fd in /proc/"$1"/fd/*; do
			[ "$(readlink "$fd" 2>/dev/null)" = "$2" ] && return 0
		done
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

finding() { # the text report lines of one cold.no-reply finding
	printf 'out:%s:%s: warning: "do not reply to this email" tells the customer nobody is listening. [cold.no-reply]\n' "$1" "$2"
	printf 'out:  %s\n' "$3"
	printf 'out:  %s^~~~~~~~~~~~~~~~~~~~~~~~~~\n' "$4"
	printf 'out:  suggestion: Questions? Just reply to this email and a person will answer.\n'
}
reply="Please do not reply to this email."
printf '%s\n' "$reply" >reply.txt

# --- Unreadable file --------------------------------------------------
# Root reads any file whatever its mode: as root the case runs as nobody
# (setpriv), which is what permission bits are for.
printf '%s\n' "$reply" >secret.txt
chmod 000 secret.txt
if [ "$(id -u)" != 0 ]; then
	run $R secret.txt reply.txt
elif command -v setpriv >/dev/null 2>&1; then
	chmod 755 .
	NO_COLOR= setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$bin" $R secret.txt reply.txt </dev/null >"$tmp/out" 2>"$tmp/err"
	status=$?
else
	echo "skip: unreadable file (root without setpriv reads any file)"
	status=skip
fi
if [ "$status" != skip ]; then
	{
		finding reply.txt 1:8 "$reply" "       "
		echo "out:1 finding (0 errors, 1 warning, 0 suggestions) in 1 of 1 file; 1 file could not be read."
		echo "err:tonelint: secret.txt: error: Permission denied"
	} | want
	expect "unreadable file" 2
fi

# --- Symbolic link loops ------------------------------------------------
ln -s loop loop
run $R loop
want <<'EOF'
out:No findings in 0 files; 1 file could not be read.
err:tonelint: loop: error: Too many levels of symbolic links
EOF
expect "symbolic link to itself" 2

# A folder holding a link to its parent: links met in a walk are not
# followed, so the walk ends, and each file is read once.
mkdir -p tree/sub
ln -s .. tree/sub/up
ln -s ../sub tree/sub/again
printf '%s\n' "$reply" >tree/sub/mail.txt
run $R tree
{
	finding tree/sub/mail.txt 1:8 "$reply" "       "
	echo "out:1 finding (0 errors, 1 warning, 0 suggestions) in 1 of 1 file."
} | want
expect "folder symbolic link loop, walked" 1

# Named through the loop: the path is followed as given, once.
run $R tree/sub/up/sub/up/sub
{
	finding tree/sub/up/sub/up/sub/mail.txt 1:8 "$reply" "       "
	echo "out:1 finding (0 errors, 1 warning, 0 suggestions) in 1 of 1 file."
} | want
expect "folder symbolic link loop, named" 1

# --- Rule packs a configuration file names ----------------------------------
# A configuration file may come from the repository being linted: the packs
# it names must be inside the folder tonelint runs in, symbolic links
# resolved. The command line's --rules may name any.
mkdir -p repo/packs
cp "$rules" outside.yml
printf '%s\n' "$reply" >repo/mail.txt
printf 'rules: [../outside.yml]\n' >repo/.tonelint.yml
status=$(cd repo && NO_COLOR= "$bin" --no-default-rules mail.txt </dev/null \
	>"$tmp/out" 2>"$tmp/err"; echo $?)
real=$(cd repo && pwd -P)
echo "err:$(pwd -P)/outside.yml: error: rule pack is outside $real, the only folder a configuration file may name packs in" | want
expect "configuration naming a pack outside the folder" 2

ln -s ../../outside.yml repo/packs/linked.yml
printf 'rules: [packs]\n' >repo/.tonelint.yml
status=$(cd repo && NO_COLOR= "$bin" --no-default-rules mail.txt </dev/null \
	>"$tmp/out" 2>"$tmp/err"; echo $?)
echo "err:packs/linked.yml: error: rule pack is outside $real, the only folder a configuration file may name packs in" | want
expect "configuration naming a folder with a link outside" 2

# A configuration file found by walking up that is a link to a file
# elsewhere is not read.
printf 'fail_on: never\n' >elsewhere.yml
rm repo/.tonelint.yml
ln -s ../elsewhere.yml repo/.tonelint.yml
status=$(cd repo && NO_COLOR= "$bin" --no-default-rules mail.txt </dev/null \
	>"$tmp/out" 2>"$tmp/err"; echo $?)
echo "err:$real/.tonelint.yml: error: a symbolic link to a file outside its folder; not read" | want
expect "configuration file linked to a file outside its folder" 2
rm repo/.tonelint.yml

status=$(cd repo && NO_COLOR= "$bin" --no-default-rules --no-config \
	--rules ../outside.yml mail.txt </dev/null >"$tmp/out" 2>"$tmp/err"
	echo $?)
{
	finding mail.txt 1:8 "$reply" "       "
	echo "out:1 finding (0 errors, 1 warning, 0 suggestions) in 1 of 1 file."
} | want
expect "--rules naming a pack outside the folder" 1

# --- FIFOs and devices ----------------------------------------------------
mkfifo fifo
run $R fifo
want <<'EOF'
out:No findings in 1 file.
EOF
expect "FIFO without a writer (does not hang)" 0

# A FIFO with a writer is read to its end. This shell holds the FIFO open
# (read-write, so opening it does not block) until tonelint has it open.
if [ -d /proc/$$ ]; then
	exec 3<>fifo
	printf '%s\n' "$reply" >&3
	NO_COLOR= "$bin" $R fifo </dev/null >"$tmp/out" 2>"$tmp/err" 3>&- &
	pid=$!
	wait_open "$pid" "$tmp/w/fifo"
	exec 3>&-
	wait "$pid"
	status=$?
	{
		finding fifo 1:8 "$reply" "       "
		echo "out:1 finding (0 errors, 1 warning, 0 suggestions) in 1 of 1 file."
	} | want
	expect "FIFO with a writer" 1
fi

run $R /dev/null /dev/zero
want <<'EOF'
out:No findings in 0 files; 2 files could not be read.
err:tonelint: /dev/null: error: not a regular file (a device or special file)
err:tonelint: /dev/zero: error: not a regular file (a device or special file)
EOF
expect "device paths" 2

run --no-default-rules --rules /dev/zero reply.txt
want <<'EOF'
err:/dev/zero: error: cannot read rule pack: not a regular file (a device or special file)
EOF
expect "device as a rule pack" 2

run $R --config /dev/zero reply.txt
want <<'EOF'
err:/dev/zero: error: not a regular file (a device or special file)
EOF
expect "device as a configuration file" 2

# --- A file that vanishes during the run -----------------------------------
# Named on the command line after standard input, it is removed while
# tonelint reads standard input: reported when its turn comes. One job, so
# that its turn comes after standard input's end (with two, a second worker
# could read it before the rm, as it once did on a loaded CI machine).
printf '%s\n' "$reply" >gone.txt
{
	printf '%s\n' "$reply"
	rm gone.txt
} | NO_COLOR= "$bin" $R -j1 - gone.txt >"$tmp/out" 2>"$tmp/err"
status=$?
{
	finding "<stdin>" 1:8 "$reply" "       "
	echo "out:1 finding (0 errors, 1 warning, 0 suggestions) in 1 of 1 file; 1 file could not be read."
	echo "err:tonelint: gone.txt: error: No such file or directory"
} | want
expect "file removed before it is read (named)" 2

# Found by walking a folder, removed after the walk: the rule pack is a
# FIFO, read after the walk, and the file is removed while tonelint waits
# for it; the other files are still reported.
if [ -d /proc/$$ ]; then
	mkdir walk
	printf '%s\n' "$reply" >walk/a.txt
	printf '%s\n' "$reply" >walk/b.txt
	printf '%s\n' "$reply" >walk/c.txt
	mkfifo pack.yml
	exec 3<>pack.yml
	NO_COLOR= "$bin" --no-default-rules --rules pack.yml walk </dev/null \
		>"$tmp/out" 2>"$tmp/err" 3>&- &
	pid=$!
	wait_open "$pid" "$tmp/w/pack.yml"
	rm walk/b.txt
	cat "$rules" >&3
	exec 3>&-
	wait "$pid"
	status=$?
	{
		finding walk/a.txt 1:8 "$reply" "       "
		finding walk/c.txt 1:8 "$reply" "       "
		echo "out:2 findings (0 errors, 2 warnings, 0 suggestions) in 2 of 2 files; 1 file could not be read."
		echo "err:tonelint: walk/b.txt: error: No such file or directory"
	} | want
	expect "file removed during a folder walk" 2
fi

# --- Names with spaces and line breaks ---------------------------------------
printf '%s\n' "$reply" >"with space.txt"
nl='
'
printf '%s\n' "$reply" >"line${nl}break.txt"
run $R "with space.txt" "line${nl}break.txt"
# The text format keeps a finding on one line: a control character in a
# name is shown as a space. JSON escapes it.
{
	finding "with space.txt" 1:8 "$reply" "       "
	finding "line break.txt" 1:8 "$reply" "       "
	echo "out:2 findings (0 errors, 2 warnings, 0 suggestions) in 2 of 2 files."
} | want
expect "names with a space and a line break" 1

run $R --format json "line${nl}break.txt"
# The finding's "file" member (the summary repeats it).
sed -n 's/^  {"file": \("[^"]*"\).*/\1/p' "$tmp/out" | head -n 1 >"$tmp/out2"
mv "$tmp/out2" "$tmp/out"
want <<'EOF'
out:"line\nbreak.txt"
EOF
expect "a line break in a name, JSON" 1

# --- Output into a closed pipe, or a full device -----------------------------
# A pipe whose reader is gone: with SIGPIPE at its default (a shell
# pipeline), tonelint ends as every filter does (128 + 13); with SIGPIPE
# ignored, the write fails and the run says so.
if [ -d /proc/$$ ]; then
	mkfifo closed
	exec 4<>closed
	exec 5>closed
	exec 4<&-
	NO_COLOR= "$bin" $R reply.txt </dev/null >&5 2>"$tmp/err"
	status=$?
	: >"$tmp/out"
	want </dev/null
	expect "output into a closed pipe (SIGPIPE)" 141
	(
		trap '' PIPE
		NO_COLOR= exec "$bin" $R reply.txt </dev/null >&5 2>"$tmp/err"
	)
	status=$?
	want <<'EOF'
err:tonelint: error writing the report
EOF
	expect "output into a closed pipe (SIGPIPE ignored)" 2
	exec 5>&-
fi

if [ -w /dev/full ]; then
	NO_COLOR= "$bin" $R reply.txt </dev/null >/dev/full 2>"$tmp/err"
	status=$?
	: >"$tmp/out"
	want <<'EOF'
err:tonelint: error writing the report
EOF
	expect "output into a full device (/dev/full)" 2
fi

# --- Resource limits ----------------------------------------------------------
# libyaml's scanner is quadratic in flow nesting (100 000 '[' took half a
# minute): the nesting limit stops it at once.
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; print "" }' >deep.yml
run --no-default-rules --rules deep.yml reply.txt
want <<'EOF'
err:deep.yml:1:65: error: YAML nested deeper than 64 levels
EOF
expect "rule pack nested 100 000 deep" 2

cp deep.yml deep-catalogue.yml
run $R --input-format yaml deep-catalogue.yml
want <<'EOF'
out:No findings in 1 file.
err:deep-catalogue.yml:1:65: warning: YAML nested deeper than 64 levels (the rest of the file is not read)
EOF
expect "catalogue nested 100 000 deep" 0

# A configuration glob of many "**": matching it against a deep path by
# backtracking alone is exponential (this one would take hours).
mkdir -p a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a
printf '%s\n' "$reply" >a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/deep.txt
awk 'BEGIN { printf "ignore: [\""; for (i = 0; i < 20; i++) printf "**/a*/";
	print "zz\"]" }' >globs.yml
t0=$(date +%s)
run $R --config globs.yml a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/deep.txt
secs=$(($(date +%s) - t0))
[ "$secs" -le 20 ] || echo "glob matching took ${secs}s" >>"$tmp/err"
{
	finding a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/deep.txt 1:8 "$reply" "       "
	echo "out:1 finding (0 errors, 1 warning, 0 suggestions) in 1 of 1 file."
} | want
expect "configuration glob with twenty **" 1

# A pattern whose backtracking needs more JIT stack than the scanner allows:
# a warning naming the rule, never a silent "no match".
cat >stack.yml <<'EOF'
- id: bad.stack
  category: bad
  severity: warning
  message: Deep backtracking.
  pattern: '(a|b)*c'
  suggest: Simpler.
EOF
awk 'BEGIN { for (i = 0; i < 500000; i++) printf "ab"; print "c" }' >ab.txt
run --no-default-rules --rules stack.yml ab.txt
want <<'EOF'
out:No findings in 1 file.
err:tonelint: ab.txt: warning: rule 'bad.stack' skipped the rest of this text: the JIT stack limit was reached
EOF
expect "JIT stack limit" 0

# A line of 10,000 words in capitals (57 KB: a text the interpreter
# searches) is one shouting finding. shouting.all-caps keeps a frame of
# backtracking for each word, and stopped at the depth limit, with a
# warning and no finding, from about 1,700 words (six frames a word) when
# the limit was 10,000. Only the summary is compared: the finding's
# lines (its quote, excerpt and underline) are not the point here.
awk 'BEGIN { for (i = 0; i < 10000; i++)
	printf "%s ", (i % 3 == 0 ? "PLEASE" : (i % 3 == 1 ? "READ" : "THIS"))
	print "NOW" }' >caps.txt
run caps.txt
tail -n 1 "$tmp/out" >"$tmp/out.last"
mv "$tmp/out.last" "$tmp/out"
want <<'EOF'
out:1 finding (0 errors, 1 warning, 0 suggestions) in 1 of 1 file.
EOF
expect "a line of 10,000 capital words" 1

if [ "${TL_E2E_QUICK:-0}" != 1 ]; then
	# 100 MB on one line, the finding at its end: read, scanned and
	# shown with an excerpt of the line.
	awk 'BEGIN { s = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
		for (i = 0; i < 1000000; i++) printf "%s", s;
		print " do not reply to this email." }' >line.txt
	run $R line.txt
	{
		finding line.txt 1:100000002 "…aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa do not reply to this email." "                                                             "
		echo "out:1 finding (0 errors, 1 warning, 0 suggestions) in 1 of 1 file."
	} | want
	expect "100 MB on one line" 1

	run $R --max-file-size 50M line.txt
	want <<'EOF'
out:No findings in 0 files; 1 file could not be read.
err:tonelint: line.txt: error: file is larger than the 50 MiB limit (--max-file-size)
EOF
	expect "100 MB over --max-file-size" 2
	rm line.txt

	# Rule packs and configuration files have fixed limits of their own.
	{
		cat "$rules"
		awk 'BEGIN { for (i = 0; i < 17 * 1024 * 16; i++)
			printf "# %61s\n", "padding" }'
	} >huge.yml
	run --no-default-rules --rules huge.yml reply.txt
	want <<'EOF'
err:huge.yml: error: cannot read rule pack: file is larger than the 16 MiB limit
EOF
	expect "rule pack over 16 MiB" 2
	rm huge.yml
	awk 'BEGIN { print "fail_on: warning"; for (i = 0; i < 17 * 1024; i++)
		printf "# %61s\n", "padding" }' >big-config.yml
	run $R --config big-config.yml reply.txt
	want <<'EOF'
err:big-config.yml: error: file is larger than the 1 MiB limit
EOF
	expect "configuration file over 1 MiB" 2
fi

echo "bad_input.sh: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
