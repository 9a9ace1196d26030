#!/bin/sh
# The promises of SECURITY.md, watched from outside with strace: linting a
# repository whose configuration file and rule packs are its own (and so
# untrusted), tonelint
#   - makes no network system call;
#   - starts no program (one execve: its own);
#   - creates, writes, renames, removes or changes no file;
#   - opens no file outside the repository but the system's own (shared
#     libraries, locale and charset data under /usr, /proc, /sys);
#   - refuses a rule pack the configuration names outside the repository
#     without opening it.
#   confined.sh BINARY
# Exits 77 (skipped) when strace is missing or cannot trace.
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
src=$(pwd)
command -v strace >/dev/null 2>&1 || {
	echo "confined.sh: strace not found: skipped"
	exit 77
}
tmp=$(mktemp -d /tmp/tonelint-confined.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
strace -f -o /dev/null true 2>/dev/null || {
	echo "confined.sh: strace cannot trace here: skipped"
	exit 77
}

# A repository of every format, with its own configuration and packs.
repo=$tmp/repo
mkdir -p "$repo/packs" "$repo/mail"
cp -R "$src/samples" "$repo/samples"
for d in catalog email html markdown template xml; do
	cp -R "$src/tests/e2e/data/$d" "$repo/$d"
done
cp "$src/tests/e2e/rules/tone.yml" "$repo/packs/tone.yml"
printf 'rules: [packs]\nfail_on: never\noverrides:\n  - files: "email/**"\n    fail_on: error\n' \
	>"$repo/.tonelint.yml"
printf 'severity: {cold: suggestion}\n' >"$repo/mail/.tonelint.yml"
cp "$src/tests/e2e/data/reminder.txt" "$repo/mail/reminder.txt"

failed=0
fail() {
	echo "confined.sh: $*"
	failed=1
}

# trace NAME ARGS...: runs the binary in the repository under strace.
trace() {
	name=$1
	shift
	(cd "$repo" && strace -f -qq -s 4096 -o "$tmp/$name.trace" \
		-e trace=%network,%process,openat,open,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,rmdir,link,linkat,symlink,symlinkat,chmod,fchmod,fchmodat,chown,fchown,fchownat,lchown,truncate,ftruncate,utimensat \
		"$bin" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err")
	echo $?
}

check_trace() { # check_trace NAME
	t=$tmp/$1.trace
	net=$(grep -E ' (socket|connect|bind|listen|accept4?|sendto|sendmsg|recvfrom|recvmsg|socketpair)\(' "$t")
	[ -z "$net" ] || fail "$1: network system calls: $net"
	n=$(grep -c ' execve(' "$t")
	[ "$n" = 1 ] || fail "$1: $n execve calls (expected 1, its own)"
	w=$(grep -E ' (creat|rename|renameat2?|unlink|unlinkat|mkdir|mkdirat|rmdir|link|linkat|symlink|symlinkat|chmod|fchmod|fchmodat|chown|fchown|fchownat|lchown|truncate|ftruncate|utimensat)\(' "$t")
	[ -z "$w" ] || fail "$1: changes files: $w"
	w=$(grep -E ' open(at)?\(' "$t" | grep -E 'O_(WRONLY|RDWR|CREAT|TRUNC|APPEND)')
	[ -z "$w" ] || fail "$1: opens for writing: $w"
	# Every file opened: in the repository (relative, or under it), or
	# the system's own files.
	sed -n 's/.* open\(at\)\{0,1\}(\(AT_FDCWD, \)\{0,1\}"\([^"]*\)".*/\3/p' "$t" |
		while IFS= read -r p; do
			case $p in
			/*) ;;
			*) p=$(realpath -m "$repo/$p") ;;
			esac
			case $p in
			"$repo" | "$repo"/* | /lib/* | /lib64/* | /usr/lib/* | \
				/usr/lib64/* | /usr/share/* | /etc/ld.so.cache | \
				/proc/* | /sys/* | /dev/null | /dev/urandom | \
				/etc/localtime)
				;;
			*) echo "$p" ;;
			esac
		done >"$tmp/$1.outside"
	[ ! -s "$tmp/$1.outside" ] ||
		fail "$1: opens files outside the repository: $(cat "$tmp/$1.outside")"
}

st=$(trace lint --no-default-rules .)
[ "$st" = 1 ] || fail "lint: exit status $st (expected 1): $(cat "$tmp/lint.err")"
grep -q 'mail/reminder.txt' "$tmp/lint.out" ||
	fail "lint: no finding in mail/reminder.txt"
check_trace lint

for f in json sarif github junit checkstyle rdjson gitlab; do
	st=$(trace "format-$f" --no-default-rules --format "$f" .)
	[ "$st" = 1 ] || fail "format $f: exit status $st (expected 1)"
	check_trace "format-$f"
done

# The repository's configuration names a pack outside it.
cp "$src/tests/e2e/rules/tone.yml" "$tmp/outside.yml"
printf 'rules: [../outside.yml]\n' >"$repo/.tonelint.yml"
st=$(trace outside --no-default-rules mail/reminder.txt)
[ "$st" = 2 ] || fail "outside: exit status $st (expected 2)"
grep -q 'rule pack is outside' "$tmp/outside.err" ||
	fail "outside: no refusal: $(cat "$tmp/outside.err")"
! grep -q 'outside\.yml"' "$tmp/outside.trace" ||
	fail "outside: the pack outside was opened"
check_trace outside

if [ $failed = 0 ]; then
	echo "confined.sh: no network, no program started, no file changed, nothing opened outside the repository"
fi
exit $failed
