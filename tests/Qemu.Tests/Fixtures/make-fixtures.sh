#!/usr/bin/env bash
# Regenerates the unwinder/symbolizer fixtures in this folder. Needs gcc, gdb, objcopy, python3
# and the .NET SDK with the NativeAOT (ILCompiler) package. The outputs are committed; the tests
# only read them.
#   crash                     gcc -O2 -g -no-pie build of crash.c (small, kept whole)
#   crash.o                   the same source as a relocatable object (ELF reader tests)
#   crash.panic.log           its fault as a Minnow panic report, captured by gdb
#   crash.gdb-frames.txt      gdb's backtrace at that fault
#   ilc-repro.elf             NativeAOT build of ilc-repro/, trimmed: .eh_frame(+hdr), notes and a
#                             sample of the symbol table; code sections become NOBITS
#   ilc-repro.panic.log, ilc-repro.gdb-frames.txt   as above, for the NativeAOT build
#   ilc-repro.dotnet-trace.txt                      the NativeAOT runtime's own stack trace of that fault
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$here"
gcc -O2 -g -no-pie -fno-stack-protector -o crash crash.c
gcc -O2 -fno-stack-protector -c -o crash.o crash.c
FIXTURE="$here/crash" PANIC_ERROR=0x2 gdb -batch -nx -x capture-panic.py --args ./crash >/dev/null 2>&1 || true

cp -r ilc-repro "$work/src"
(cd "$work/src" && dotnet publish -r linux-x64 -c Release -o "$work/pub" >/dev/null)
(cd "$work" && FIXTURE="$here/ilc-repro" PANIC_ERROR=0x0 gdb -batch -nx -x "$here/capture-panic.py" --args "$work/pub/repro" >/dev/null 2>&1 || true)
{ "$work/pub/repro" 2> "$work/trace"; } 2>/dev/null || true # it aborts with the unhandled exception
grep -E '^ +at ' "$work/trace" | sed -E 's/^ +//' > ilc-repro.dotnet-trace.txt

# Symbols kept: everything from the fixture's own assembly, the frames gdb saw, and every 12th
# other function (a spread of real ilc names for the name-demangling tests).
readelf -sW "$work/pub/repro" | awk '$4=="FUNC" && $7!="UND" {print $8}' | sort -u > "$work/functions"
{
  grep -E '^(repro_|__managed__Main$|main$|_start$|RhpNewFast$|RhpThrowEx$)' "$work/functions"
  awk 'NR % 12 == 0' "$work/functions"
} | sort -u > "$work/keep"
objcopy --strip-all --keep-symbols="$work/keep" "$work/pub/repro" "$work/stage1"
objcopy --only-keep-debug "$work/stage1" "$work/ilc-repro.elf"
objcopy --dump-section .eh_frame="$work/eh_frame" --dump-section .eh_frame_hdr="$work/eh_frame_hdr" "$work/pub/repro" "$work/unused"
python3 splice-sections.py "$work/ilc-repro.elf" .eh_frame="$work/eh_frame" .eh_frame_hdr="$work/eh_frame_hdr"
cp "$work/ilc-repro.elf" ilc-repro.elf
ls -l crash crash.o ilc-repro.elf
