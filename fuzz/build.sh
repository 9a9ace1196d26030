#!/bin/sh
# Builds the fuzz targets as libFuzzer binaries with clang, the library
# instrumented for coverage and under AddressSanitizer and
# UndefinedBehaviorSanitizer:
#   sh fuzz/build.sh [BUILD_DIR]     (default: build-fuzz)
# Then: sh fuzz/run.sh SECONDS [TARGET...]
set -eu
cd "$(dirname "$0")/.."
dir=${1:-build-fuzz}
cc=${CC:-}
if [ -z "$cc" ]; then
	for c in clang clang-14; do
		command -v "$c" >/dev/null 2>&1 && cc=$c && break
	done
fi
[ -n "$cc" ] || {
	echo "fuzz/build.sh: clang not found" >&2
	exit 2
}
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
mkdir -p "$dir"
log=$dir/fuzz-build.log
targets=$(sed 's/^/fuzz_/' fuzz/targets)
# The output (clang's warnings among it) goes to a log, shown on failure.
# shellcheck disable=SC2086
if ! { CC=$cc cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DTL_FUZZ=ON -DTL_SHARED=OFF -DBUILD_TESTING=ON \
	"-DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link $san -fno-omit-frame-pointer" \
	"-DCMAKE_EXE_LINKER_FLAGS=$san" &&
	cmake --build "$dir" -j "$(nproc 2>/dev/null || echo 2)" \
		--target $targets; } >"$log" 2>&1; then
	cat "$log" >&2
	echo "fuzz/build.sh: build failed" >&2
	exit 1
fi
echo "fuzz/build.sh: built in $dir:" $targets
