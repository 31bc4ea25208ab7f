#!/usr/bin/env bash
# Smoke test for bench/linux-guest: build the Debian Linux guest, boot it under TCG on
# microvm and q35, run the NativeAOT hello binary, and check what came back.
#
#   tests/bench-linux-guest-check.sh [OUTDIR]     (default: out/linux-guest)
#
# Needs the Debian package registry on the first run (kernel and busybox .debs).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/out/linux-guest}"

"$root/bench/linux-guest/build.sh" "$out"

fail=0
for machine in microvm q35; do
	json="$("$root/bench/linux-guest/boot.sh" "$out" --machine "$machine" --accel tcg --run /bin/hello)" || true
	echo "$json"
	if ! python3 -c '
import json, sys
r = json.loads(sys.argv[1])
assert r["ok"], r["reason"]
assert r["run_exit"] == 0, r["run_exit"]
assert r["run_output"] == "Hello from Minnow!\n", repr(r["run_output"])
assert r["init_seen_ms"] and r["init_seen_ms"] <= r["qemu_wall_ms"]
' "${json:-null}"; then
		echo "FAIL: linux guest on $machine" >&2
		fail=1
	fi
done
[ "$fail" -eq 0 ] && echo "PASS: bench/linux-guest (microvm, q35; TCG)"
exit "$fail"
