#!/bin/sh
# The pre-commit framework (https://pre-commit.com) with tonelint, for real:
# a throw-away repository whose commit of a harsh template is blocked with
# the finding, and allowed once the wording is fixed. Twice: with the
# README's .pre-commit-config.yaml as written (repo: local), and with this
# repository's .pre-commit-hooks.yaml served from a git repository, as a
# team using `repo: URL` gets it.
#   precommit_test.sh BINARY     (from the project root)
# 77: pre-commit or git is not installed (.ci/bootstrap installs them).
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
root=$(pwd)
if ! command -v pre-commit >/dev/null 2>&1 ||
	! command -v git >/dev/null 2>&1; then
	echo "skipped: pre-commit (Debian package pre-commit) or git is missing"
	exit 77
fi
. "$root/tests/e2e/readme_block.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
ln -s "$bin" "$tmp/bin/tonelint"
PATH=$tmp/bin:$PATH
PRE_COMMIT_HOME=$tmp/cache # not the user's ~/.cache
export PATH PRE_COMMIT_HOME
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
fail=0
no() { echo "$*"; fail=1; }

newrepo() { # newrepo DIR
	git init -q "$1" && cd "$1" || exit 1
	git config user.name Test
	git config user.email test@example.com
	git config commit.gpgsign false
}

# run NAME: the repository in the current directory has its
# .pre-commit-config.yaml; commit a harsh reminder, then the fixed one.
run() {
	name=$1
	pre-commit install >/dev/null || no "$name: pre-commit install failed"
	git add .pre-commit-config.yaml
	printf 'Dear Sam,\n\nFailure to pay will result in legal action.\n' \
		>reminder.txt
	# Not a text file pre-commit passes to the hook (files: pattern).
	printf '#!/bin/sh\necho "legal action"\n' >build.sh
	git add reminder.txt build.sh
	if git commit -q -m harsh >"$tmp/out" 2>&1; then
		no "$name: the harsh reminder was committed"
		cat "$tmp/out"
	fi
	grep -q 'reminder.txt:3:31: error: .*\[threat.legal-action\]' \
		"$tmp/out" || { no "$name: no finding in:"; cat "$tmp/out"; }
	if grep -q build.sh "$tmp/out"; then
		no "$name: build.sh was linted"
	fi
	# A reminder is also judged whole (rules/documents.yml): the fixed
	# one says how much, by when, how to reach us, and thanks those who
	# paid.
	printf 'Dear Sam,\n\nInvoice 1042 for $250 was due on 1 March. %s %s\n' \
		'If you have already paid, thank you.' \
		'If paying it all now is hard, reply and we can set up a plan.' \
		>reminder.txt
	git add reminder.txt
	if ! git commit -q -m friendly >"$tmp/out" 2>&1; then
		no "$name: the fixed reminder was refused:"
		cat "$tmp/out"
	fi
	[ "$(git log --format=%s)" = friendly ] ||
		no "$name: commits: $(git log --format=%s)"
}

# 1. The README's block, as written.
newrepo "$tmp/readme"
readme_block "$root/README.md" pre-commit >.pre-commit-config.yaml
grep -q 'repo: local' .pre-commit-config.yaml ||
	no "README: no pre-commit block found"
run README

# The README's hook and .pre-commit-hooks.yaml say the same files.
want=$(grep '^  files:' "$root/.pre-commit-hooks.yaml" | sed 's/^ *//')
got=$(grep ' files:' .pre-commit-config.yaml | sed 's/^ *//')
[ "$want" = "$got" ] || no "files: differ: hooks '$want', README '$got'"

# 2. .pre-commit-hooks.yaml from a repository, by URL and revision.
newrepo "$tmp/hooks"
cp "$root/.pre-commit-hooks.yaml" .
git add . && git commit -q -m hooks
rev=$(git rev-parse HEAD)
newrepo "$tmp/user"
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $tmp/hooks
    rev: $rev
    hooks:
      - id: tonelint
YAML
run hooks-file

[ $fail -eq 0 ] && echo "pre-commit: blocked and allowed as expected, twice"
exit $fail
