#!/bin/sh
# Installs the build into a temporary prefix, then builds and runs a program
# against it through pkg-config, and runs the installed command: what a
# packager and an embedding program rely on.
#   install_test.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
src=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/tonelint include/tonelint.h share/man/man1/tonelint.1; do
	[ -e "$prefix/$f" ] || { echo "missing after install: $f"; exit 1; }
done
ls "$prefix"/lib*/libtonelint.a >/dev/null
ls "$prefix"/share/tonelint/rules/*.yml >/dev/null
pc=$(ls -d "$prefix"/lib*/pkgconfig)
flags=$(PKG_CONFIG_PATH=$pc pkg-config --cflags --libs tonelint)
libdir=$(PKG_CONFIG_PATH=$pc pkg-config --variable=libdir tonelint)
# shellcheck disable=SC2086
cc -o "$prefix/embed" "$src/tests/install/embed.c" $flags -Wl,-rpath,"$libdir"
"$prefix/embed"
"$prefix/bin/tonelint" --version
echo "1 passed, 0 failed"
