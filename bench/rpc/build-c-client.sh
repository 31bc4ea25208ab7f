#!/usr/bin/env bash
# Builds the C side of the RPC benchmark: Debian's rpcgen (-N -M -C, as the interop tests and
# Cricket use it) turns rpc/cricket/cricket.x into client stubs in OUTDIR, and gcc -O2 links
# them with bench/rpc/cricket_bench.c against libtirpc.
#
#   bench/rpc/build-c-client.sh OUTDIR
#
# Output: OUTDIR/cricket-bench-c (dynamically linked). Skipped when OUTDIR/cricket-bench-c.stamp
# holds the sha256 of the inputs (sources, this script, rpcgen's and gcc's versions, the flags).
# Missing Debian packages (rpcsvc-proto, libtirpc-dev, gcc, libc6-dev, pkg-config) are
# installed with apt-get; apt-get update runs only then.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

die() { echo "build-c-client.sh: error: $*" >&2; exit 1; }
note() { echo "build-c-client.sh: $*" >&2; }

[ $# -eq 1 ] || die "usage: $0 OUTDIR"
mkdir -p "$1" || die "cannot create $1"
out="$(cd "$1" && pwd)"

# shellcheck source=../lib/ensure-pkgs.sh
source "$here/../lib/ensure-pkgs.sh"
ensure_pkgs rpcsvc-proto libtirpc-dev gcc libc6-dev pkg-config

src_x="$repo/rpc/cricket/cricket.x"
src_c="$here/cricket_bench.c"
[ -f "$src_x" ] || die "$src_x not found"
[ -f "$src_c" ] || die "$src_c not found"
tirpc="$(pkg-config --cflags --libs libtirpc)" || die "pkg-config knows no libtirpc (is libtirpc-dev installed?)"
rpcgen_flags="-N -M -C"
cflags="-O2 -Wall"

bin="$out/cricket-bench-c" stampfile="$out/cricket-bench-c.stamp"
key="$( (cat "$src_x" "$src_c" "${BASH_SOURCE[0]}"; rpcgen --version 2>&1 | head -n1; gcc --version | head -n1
	echo "$rpcgen_flags $cflags $tirpc") | sha256sum | cut -d' ' -f1)"
if [ -x "$bin" ] && [ -f "$stampfile" ] && [ "$(cat "$stampfile")" = "$key" ]; then
	note "$bin is up to date"
	exit 0
fi

note "rpcgen $rpcgen_flags cricket.x -> $out"
# rpcgen names the header in its #include after the -o file's folder-less name, so run it in
# OUTDIR on a copy of the .x: generated files never land in the source tree.
# rpcgen refuses to overwrite its earlier output.
rm -f "$out"/cricket.h "$out"/cricket_xdr.c "$out"/cricket_clnt.c "$out"/cricket_*.o
cp "$src_x" "$out/cricket.x"
(
	cd "$out"
	# shellcheck disable=SC2086 # one word a flag
	rpcgen $rpcgen_flags -h cricket.x -o cricket.h
	# shellcheck disable=SC2086
	rpcgen $rpcgen_flags -c cricket.x -o cricket_xdr.c
	# shellcheck disable=SC2086
	rpcgen $rpcgen_flags -l cricket.x -o cricket_clnt.c
) || die "rpcgen failed on $src_x"

note "gcc $cflags -> $bin"
rm -f "$stampfile"
# rpcgen's stubs declare unused variables; -Wall stays on for our own file only.
# shellcheck disable=SC2086 # pkg-config's output is several words
{ gcc $cflags -Wno-unused-variable -I"$out" -c -o "$out/cricket_clnt.o" "$out/cricket_clnt.c" $tirpc \
	&& gcc $cflags -Wno-unused-variable -I"$out" -c -o "$out/cricket_xdr.o" "$out/cricket_xdr.c" $tirpc \
	&& gcc $cflags -I"$out" -o "$bin.tmp" "$src_c" "$out/cricket_clnt.o" "$out/cricket_xdr.o" $tirpc; } \
	|| die "gcc failed to build $bin"
mv "$bin.tmp" "$bin"
printf '%s' "$key" > "$stampfile"
note "built $bin"
