#!/usr/bin/env python3
"""Idle cost of an image: host CPU time QEMU spends while the guest sleeps.

Boots bench/idle three ways on the same QEMU and accelerator and reads QEMU's own CPU time
(user + system, from wait4's rusage, so the CLI that prints the command is not counted):
  - `sleep 0`: boot and exit, the fixed cost;
  - `sleep S`: the only thread sleeps S seconds, so every thread is idle and the CPU halts;
  - `spin S`: a busy guest for S seconds, the reference (about one host CPU second per second).
Reported: host CPU seconds per guest second idle, (sleep S - sleep 0) / S, and the same for spin.
Results: out/bench/idle.json and a table.
"""
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "bench"
TOOL = ["dotnet", str(ROOT / "out" / "tools" / "minnow.dll")]
RUNS = int(os.environ.get("MINNOW_BENCH_IDLE_RUNS", "3"))
SECONDS = float(os.environ.get("MINNOW_BENCH_IDLE_SECONDS", "5"))


def qemu_command(image, args):
    out = subprocess.run(TOOL + ["run", str(image), "--print-command", "--"] + args,
                         check=True, text=True, capture_output=True).stdout
    return [line for line in out.splitlines() if line]


def qemu_cpu(command):
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = proc.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    # isa-debug-exit makes QEMU exit with (status << 1) | 1: 1 is the program's 0.
    if os.waitstatus_to_exitcode(status) != 1:
        sys.exit(f"idle bench: QEMU exited {os.waitstatus_to_exitcode(status)}: {output[-400:]}")
    return usage.ru_utime + usage.ru_stime, wall, output.strip()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    image = ROOT / "out" / "images" / "bench-idle.elf"
    subprocess.run(TOOL + ["build", str(ROOT / "bench" / "idle"), "-o", str(image)], check=True,
                   capture_output=True)
    cases = {"boot": ["sleep", "0"], "sleep": ["sleep", str(SECONDS)], "spin": ["spin", str(SECONDS)]}
    results = {}
    for name, args in cases.items():
        command = qemu_command(image, args)
        samples = [qemu_cpu(command) for _ in range(RUNS)]
        results[name] = {
            "args": args,
            "cpu_s": statistics.median(s[0] for s in samples),
            "wall_s": statistics.median(s[1] for s in samples),
            "cpu_samples_s": [round(s[0], 3) for s in samples],
            "output": samples[-1][2],
        }
    boot = results["boot"]["cpu_s"]
    idle_per_s = (results["sleep"]["cpu_s"] - boot) / SECONDS
    busy_per_s = (results["spin"]["cpu_s"] - boot) / SECONDS
    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_average": os.getloadavg(),
        "seconds": SECONDS,
        "runs": RUNS,
        "cases": results,
        "idle_host_cpu_per_guest_second": idle_per_s,
        "busy_host_cpu_per_guest_second": busy_per_s,
        "idle_over_busy": idle_per_s / busy_per_s if busy_per_s > 0 else None,
    }
    (OUT / "idle.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"{'case':<24}{'QEMU CPU s (median)':>22}{'wall s':>10}")
    for name, r in results.items():
        print(f"{name + ' ' + ' '.join(r['args']):<24}{r['cpu_s']:>22.3f}{r['wall_s']:>10.2f}")
    print(f"host CPU per guest second: idle {idle_per_s:.4f} s, busy {busy_per_s:.3f} s "
          f"(idle/busy = {report['idle_over_busy']:.4f})")


if __name__ == "__main__":
    main()
