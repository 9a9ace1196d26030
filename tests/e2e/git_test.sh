#!/bin/sh
# The git integration end to end, in a throw-away repository:
#   git_test.sh BINARY RULES
# --changed-since, --staged (index content, working-tree names, a name with
# spaces) and install-hook (refusal, --force, blocking a commit).
set -u
bin=$1
rules=$2
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $rules in /*) ;; *) rules=$(pwd)/$rules ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # check NAME EXPECTED_STATUS STATUS EXPECTED_FILE ACTUAL_FILE
	if [ "$2" != "$3" ]; then
		echo "$1: exit status: expected $2, got $3"
		fail=1
	fi
	if ! diff -u "$4" "$5"; then
		echo "$1: output differs"
		fail=1
	fi
}
lint() { NO_COLOR= "$bin" --no-default-rules --rules "$rules" "$@"; }

cd "$tmp" || exit 1
git init -q -b main repo && cd repo || exit 1
git config user.name "Test" && git config user.email "test@example.com"
git config commit.gpgsign false
printf 'Failure to pay will result in action.\n' >old.txt
printf 'Thanks for your order.\n' >clean.txt
git add . && git commit -q -m base
git checkout -q -b feature
printf 'Please pay the invoice without delay.\n' >'new file.txt'
printf 'Thanks for your order. Henceforth we bill monthly.\n' >clean.txt
git add . && git commit -q -m change

# --changed-since: only the files changed since the merge base.
lint --changed-since main >"$tmp/out" 2>&1
st=$?
cat >"$tmp/want" <<'OUT'
clean.txt:1:24: suggestion: "Henceforth" sounds like a contract, not a person. [jargon.legalese]
  Thanks for your order. Henceforth we bill monthly.
                         ^~~~~~~~~~
  suggestion: From now on
new file.txt:1:8: error: "pay the invoice without delay" pressures the customer. [demand.without-delay]
  Please pay the invoice without delay.
         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~
  suggestion: Please pay by the due date shown above.
  suggestion: Instead of "pay the invoice without delay": When could you pay?
2 findings (1 error, 0 warnings, 1 suggestion) in 2 of 2 files.
OUT
check changed-since 1 $st "$tmp/want" "$tmp/out"

lint --changed-since no-such-ref >"$tmp/out" 2>/dev/null
check changed-since-bad-ref 2 $? /dev/null "$tmp/out"

# --staged: the index's content, not the working tree's.
printf 'Do not reply to this email.\n' >'new file.txt'
git add 'new file.txt'
printf 'Reply to this email any time.\n' >'new file.txt'
lint --staged --format github >"$tmp/out" 2>&1
st=$?
cat >"$tmp/want" <<'OUT'
::warning file=new file.txt,line=1,col=1,endLine=1,endColumn=27,title=Closed inbox (cold.no-reply)::"Do not reply to this email" tells the customer nobody is listening.%0Asuggestion: Questions? Just reply to this email and a person will answer.
OUT
check staged 1 $st "$tmp/want" "$tmp/out"

# A pre-commit hook: written once, refused a second time, forced.
"$bin" install-hook >"$tmp/out" 2>&1
st=$?
printf 'Installed the pre-commit hook in .git/hooks/pre-commit\n' >"$tmp/want"
check install-hook 0 $st "$tmp/want" "$tmp/out"
[ -x .git/hooks/pre-commit ] || { echo "hook not executable"; fail=1; }
"$bin" install-hook >"$tmp/out" 2>&1
st=$?
printf 'tonelint: install-hook: .git/hooks/pre-commit already exists; use --force to replace it\n' >"$tmp/want"
check install-hook-exists 2 $st "$tmp/want" "$tmp/out"
"$bin" install-hook --force >"$tmp/out" 2>&1
st=$?
printf 'Installed the pre-commit hook in .git/hooks/pre-commit\n' >"$tmp/want"
check install-hook-force 0 $st "$tmp/want" "$tmp/out"

# The hook blocks a commit whose staged text fails, and lets a clean one by.
printf '#!/bin/sh\nexec "%s" --no-default-rules --rules "%s" "$@"\n' \
	"$bin" "$rules" >"$tmp/tl"
chmod +x "$tmp/tl"
TONELINT=$tmp/tl git commit -q -m blocked >/dev/null 2>&1
check hook-blocks 1 $? /dev/null /dev/null
git add 'new file.txt'
TONELINT=$tmp/tl git commit -q -m clean >"$tmp/out" 2>&1
check hook-passes 0 $? /dev/null /dev/null
exit $fail
