#!/bin/sh
# The README's CI and commit recipes ("In CI and before commits") as a
# reader copies them:
# - the plain shell step runs as written against a committed baseline:
#   passes on the legacy findings, fails on a new warning;
# - the plain git hook block runs as written: the commit of a harsh file is
#   blocked, --no-verify lets it through;
# - the GitHub Actions and GitLab CI files parse as YAML, their shell lines
#   parse as shell, and their install steps name every -dev package the
#   build needs (the list .ci/bootstrap checks).
#   readme_test.sh BINARY     (from the project root)
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
root=$(pwd)
readme=$root/README.md
. "$root/tests/e2e/readme_block.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
ln -s "$bin" "$tmp/bin/tonelint"
PATH=$tmp/bin:$PATH
NO_COLOR=1
export PATH NO_COLOR
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
fail=0
no() { echo "readme: $*"; fail=1; }

# --- A plain shell step -------------------------------------------------
readme_block "$readme" "A plain shell step (any CI)" >"$tmp/step.sh"
grep -q baseline "$tmp/step.sh" || no "shell step block not found"
mkdir "$tmp/ci" && cd "$tmp/ci" || exit 1
mkdir templates emails
printf 'Dear customer,\nFailure to pay will result in legal action.\n' \
	>templates/legacy.txt
printf 'Hello Sam, thank you for your order.\n' >emails/welcome.txt
# The one-time command the README gives before the block.
cmd=$(sed -n 's/^`\(tonelint --write-baseline [^`]*\)`.*/\1/p' "$readme" |
	head -1)
[ -n "$cmd" ] || no "no --write-baseline command before the shell step"
eval "$cmd" >/dev/null 2>&1
[ -s .tonelint-baseline ] || no "'$cmd' wrote no baseline"
sh "$tmp/step.sh" >"$tmp/out" 2>&1 ||
	{ no "shell step fails on the baseline's findings:"; cat "$tmp/out"; }
printf 'Dear Sam,\nYou must pay without delay.\n' >emails/new.txt
if sh "$tmp/step.sh" >"$tmp/out" 2>&1; then
	no "shell step passes a new finding:"
	cat "$tmp/out"
fi
grep -q 'emails/new.txt' "$tmp/out" || no "new finding not reported"
grep -q 'legacy.txt' "$tmp/out" && no "baseline finding reported"

# --- A plain git hook ---------------------------------------------------
readme_block "$readme" "A plain git hook" >"$tmp/hook.sh"
grep -q install-hook "$tmp/hook.sh" || no "git hook block not found"
git init -q "$tmp/repo" && cd "$tmp/repo" || exit 1
git config user.name Test
git config user.email test@example.com
git config commit.gpgsign false
printf 'Failure to pay will result in legal action.\n' >reminder.txt
git add reminder.txt
# "git commit" as a person types it: the editor writes the message.
GIT_EDITOR='echo message >'
export GIT_EDITOR
i=0
while IFS= read -r line; do
	cmdline=${line%%#*}
	[ -n "${cmdline%% *}" ] || continue
	i=$((i + 1))
	eval "$cmdline" >"$tmp/out.$i" 2>&1
	echo $? >"$tmp/status.$i"
done <"$tmp/hook.sh"
[ "$i" -eq 3 ] || no "git hook block: $i commands, expected 3"
[ "$(cat "$tmp/status.1")" = 0 ] || no "install-hook failed"
[ "$(cat "$tmp/status.2")" != 0 ] || no "the hook let a harsh commit in"
grep -q 'reminder.txt:1:31: error:' "$tmp/out.2" ||
	{ no "hook output:"; cat "$tmp/out.2"; }
[ "$(cat "$tmp/status.3")" = 0 ] || no "git commit --no-verify failed"
[ "$(git rev-list --count HEAD 2>/dev/null)" = 1 ] ||
	no "expected the one --no-verify commit"

# --- GitHub Actions and GitLab CI ---------------------------------------
cd "$root" || exit 1
readme_block "$readme" \
	"GitHub Actions, with SARIF upload to code scanning" >"$tmp/gh.yml"
readme_block "$readme" "GitLab CI (Code Quality and JUnit)" >"$tmp/gl.yml"
pkgs=$(sed -n 's/.*need_pc [^ ]* \(lib[^ ]*-dev\).*/\1/p' .ci/bootstrap |
	grep -v cmocka)
py=""
for p in python3 /usr/bin/python3; do
	"$p" -c 'import yaml' 2>/dev/null && py=$p && break
done
if [ -z "$py" ]; then
	echo "readme: CI files not checked: no python3 with PyYAML"
else
	"$py" - "$tmp/gh.yml" "$tmp/gl.yml" "$tmp" $pkgs <<'EOF_PY' || fail=1
import subprocess, sys, yaml
gh, gl, tmp, pkgs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
bad = 0
def no(msg):
    global bad
    print("readme:", msg)
    bad = 1
def shell_ok(name, script):
    # GitHub's ${{ }} expressions are replaced before the shell sees them.
    script = script.replace("${{", "\"").replace("}}", "\"")
    path = "%s/%s.sh" % (tmp, name)
    open(path, "w").write(script + "\n")
    if subprocess.run(["bash", "-n", path]).returncode:
        no("%s: shell syntax" % name)
    return script
def installs_all(name, script):
    for p in pkgs:
        if p not in script.split():
            no("%s: the install step lacks %s" % (name, p))
w = yaml.safe_load(open(gh))
steps = w["jobs"]["tonelint"]["steps"]
runs = [s["run"] for s in steps if "run" in s]
for i, r in enumerate(runs):
    shell_ok("github-%d" % i, r)
installs_all("github", runs[0])
if "TONELINT_GIT" not in w["jobs"]["tonelint"]["env"]:
    no("github: no TONELINT_GIT")
if not any(s.get("uses", "").startswith("github/codeql-action/upload-sarif")
           for s in steps):
    no("github: no SARIF upload")
j = yaml.safe_load(open(gl))["tonelint"]
before = "\n".join(j["before_script"])
shell_ok("gitlab-before", before)
shell_ok("gitlab-script", "\n".join(j["script"]))
installs_all("gitlab", before)
rep = j["artifacts"]["reports"]
if set(rep) != {"codequality", "junit"}:
    no("gitlab: reports %r" % rep)
sys.exit(bad)
EOF_PY
fi

[ $fail -eq 0 ] && echo "readme: shell step, git hook and CI files as expected"
exit $fail
