#!/usr/bin/env python3
"""Runtime benchmarks: bench/runtime/Program.cs as a Minnow image and as a stock NativeAOT Linux
binary in Debian's Linux guest (bench/linux-guest), on the same QEMU, machine (microvm),
accelerator, CPU model (-cpu max) and -m.

Measures (the program times itself with Stopwatch and prints one JSON line per benchmark):
  - allocation throughput: 32-byte objects, nothing kept / with a 4 MiB live tree;
  - GC pauses: gaps between iterations of an allocation loop over an 8 MiB live tree that
    changes; the iterations during which GC.CollectionCount moved are the pauses (max, p99);
  - heap high-water mark: GC.GetTotalMemory / GCMemoryInfo.TotalCommittedBytes sampled in the
    program, and Minnow's own `gcstats` heap-peak-bytes;
  - megamorphic virtual and interface call cost, exception throw+catch across three frames;
  - a numeric kernel: a 96x96 double matrix multiply (GFLOP/s, checksum must match);
  - the VM's memory footprint: peak RSS of the QEMU process (wait4's ru_maxrss), and the
    smallest -m with which the whole program still completes.
Each side runs RUNS times, interleaved; the medians are compared as ratios Minnow/Linux.
Results: out/bench/runtime.json and a table on stdout.

  bench/runtime_bench.py [--runs N] [--scale S] [--mem SIZE] [--no-min-mem]
Environment: MINNOW_BENCH_RUNTIME_RUNS (default 5) is --runs' default.
"""
import argparse
import json
import os
import pathlib
import re
import statistics
import subprocess
import sys
import time

from benchlib import boot_result, build_sides, json_lines, logger, run

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "bench"
TOOL = ["dotnet", str(ROOT / "out" / "tools" / "minnow.dll")]
SOURCE = ROOT / "bench" / "runtime"
IMAGE = OUT / "images" / "runtime-bench.elf"
GUEST = ROOT / "out" / "linux-guest-runtime"
GUEST_DEBS = ROOT / "out" / "linux-guest" / "debs"  # shared with the boot benchmark's guest
LINUX_PROJECT = ROOT / "bench" / "linux-guest" / "runtime-linux"
MACHINE = "microvm"
MEM_STEPS = ["8M", "12M", "16M", "24M", "32M", "48M", "64M", "96M", "128M", "192M", "256M"]
# Fields that describe the work, not its speed: they must be equal on both sides.
WORK_FIELDS = ["objects", "iterations", "calls", "throws", "caught", "n", "reps", "live_nodes", "checksum", "checksum_bits"]
BENCHES = ["alloc", "alloc-live", "pause", "calls", "throw", "matmul", "footprint"]

# (key, label, unit, source bench, field, direction, target). direction "higher": more is
# better and the ratio Minnow/Linux should be >= target; "lower": less is better and the ratio
# should be <= target; target None: reported, no target.
METRICS = [
    ("alloc", "alloc, nothing kept", "M obj/s", "alloc", "objects_per_s", "higher", 0.9),
    ("alloc_live", "alloc, 4 MiB tree live", "M obj/s", "alloc-live", "objects_per_s", "higher", 0.9),
    ("pause_loop", "alloc loop, 8 MiB live", "k it/s", "pause", "iterations_per_s", "higher", 0.9),
    ("virtual_call", "virtual call", "M calls/s", "calls", "virtual_calls_per_s", "higher", 0.9),
    ("interface_call", "interface call", "M calls/s", "calls", "interface_calls_per_s", "higher", 0.9),
    ("throw_catch", "throw+catch, 3 frames", "k/s", "throw", "throws_per_s", "higher", 0.9),
    ("matmul", "matmul 96x96 double", "GFLOP/s", "matmul", "gflops", "higher", 0.9),
    ("pause_max", "GC pause max (all runs)", "ms", "pause", "pauses_us:max", "lower", 1.0),
    ("pause_p99", "GC pause p99 (all runs)", "ms", "pause", "pauses_us:p99", "lower", 1.0),
    ("pause_max_median", "GC pause max (median run)", "ms", "pause", "pause_max_us", "lower", None),
    ("pauses_seen", "pauses seen in that loop", "", "pause", "pauses_seen", "lower", None),
    ("gap_p999", "loop gap p99.9", "ms", "pause", "gap_p999_us", "lower", None),
    ("collections", "collections (whole run)", "", "footprint", "collections", "lower", None),
    ("heap_peak", "heap peak, GetTotalMemory", "MiB", "footprint", "heap_peak_bytes", "lower", None),
    ("committed_peak", "heap peak, committed", "MiB", "footprint", "committed_peak_bytes", "lower", None),
]
SCALE = {"M obj/s": 1e-6, "k it/s": 1e-3, "M calls/s": 1e-6, "k/s": 1e-3, "GFLOP/s": 1, "ms": 1e-3,
         "": 1, "MiB": 1 / 2**20}


log = logger("runtime_bench")


def parse_lines(text):
    """The program's JSON lines, by bench name."""
    return {obj["bench"]: obj for obj in json_lines(text)}


def host_tsc_khz():
    """The host's TSC rate, as boot.sh finds it (under TCG the guest's TSC is the host's)."""
    if os.environ.get("MINNOW_TSC_KHZ"):
        return int(os.environ["MINNOW_TSC_KHZ"])
    try:
        dmesg = subprocess.run(["dmesg"], text=True, capture_output=True).stdout
    except OSError:
        dmesg = ""
    for pattern in (r"tsc: Refined TSC clocksource calibration: ([0-9.]+) MHz", r"tsc: Detected ([0-9.]+) MHz processor"):
        found = re.findall(pattern, dmesg)
        if found:
            return int(float(found[-1]) * 1000)
    cpuinfo = pathlib.Path("/proc/cpuinfo").read_text()
    m = re.search(r"^cpu MHz\s*: ([0-9.]+)", cpuinfo, re.M)
    if m and re.search(r"\bconstant_tsc\b", cpuinfo):
        return int(float(m.group(1)) * 1000)
    return None


HOST_TSC_KHZ = None


def correct_clock(lines, factor):
    """Rescales Minnow's self-timed figures by its clock error: Minnow calibrates the TSC against
    the PIT in a 10 ms window at boot, which a loaded host can stretch; the true rate is the
    host's. factor = Minnow's tsc-hz / the host's: durations * factor, rates / factor."""
    for obj in lines.values():
        for k, v in list(obj.items()):
            if not isinstance(v, (int, float, list)) or k == "bench":
                continue
            if k == "pauses_us":
                obj[k] = [x * factor for x in v]
            elif k.endswith("_per_s") or k == "gflops":
                obj[k] = v / factor
            elif k.endswith("_us") or k.endswith("_ns") or k == "seconds" or k == "elapsed_s":
                obj[k] = v * factor


def build():
    return build_sides(TOOL, log, SOURCE, IMAGE, ROOT / "bench" / "linux-guest" / "build.sh", GUEST,
                       ["--debs", GUEST_DEBS, "--project", LINUX_PROJECT], "stock NativeAOT runtime-bench in the initramfs")


def minnow_run(mem, prog_args, timeout):
    """One boot of the image: the program's lines, gcstats and QEMU's peak RSS (wait4's
    ru_maxrss; output goes to files, so no pipe has to be drained while waiting)."""
    cmd = run(TOOL + ["run", str(IMAGE), "--machine", MACHINE, "--mem", mem, "--print-command",
                      "--kargs", "gcstats bootstats", "--"] + prog_args).stdout.strip().split("\n")
    out_path, err_path = OUT / "runtime-minnow.stdout", OUT / "runtime-minnow.stderr"
    t0 = time.monotonic()
    with open(out_path, "w") as fo, open(err_path, "w") as fe:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=fo, stderr=fe)
        deadline = t0 + timeout
        reaped = None
        while reaped is None:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                reaped = (status, usage)
            elif time.monotonic() > deadline:
                p.kill()
                _, status, usage = os.wait4(p.pid, 0)
                p.returncode = os.waitstatus_to_exitcode(status)
                return None, f"timeout after {timeout} s"
            else:
                time.sleep(0.02)
        p.returncode = os.waitstatus_to_exitcode(reaped[0])
    wall = time.monotonic() - t0
    stdout, stderr = out_path.read_text(errors="replace"), err_path.read_text(errors="replace")
    if "minnow: exit 0" not in stderr:
        tail = " | ".join(stderr.strip().splitlines()[-3:])
        return None, f"no 'minnow: exit 0' (QEMU status {p.returncode}): {tail}"
    result = {"lines": parse_lines(stdout), "qemu_wall_s": round(wall, 2),
              "qemu_max_rss_kb": reaped[1].ru_maxrss}
    m = re.search(r"minnow: gcstats (.*)", stderr)
    if m:
        result["gcstats"] = {k: int(v) for k, v in re.findall(r"([a-z0-9-]+)=(\d+)", m.group(1))}
    m = re.search(r"minnow: bootstats .*tsc-hz=(\d+)", stderr)
    result["tsc_hz"] = int(m.group(1)) if m else None
    result["clock_factor"] = None
    if result["tsc_hz"] and HOST_TSC_KHZ:
        result["clock_factor"] = round(result["tsc_hz"] / (HOST_TSC_KHZ * 1000), 5)
        correct_clock(result["lines"], result["clock_factor"])
    return result, None


def linux_run(mem, prog_args, timeout):
    """One boot of the Linux guest running /bin/runtime-bench."""
    cmd = [str(ROOT / "bench" / "linux-guest" / "boot.sh"), str(GUEST), "--machine", MACHINE, "--accel", "tcg",
           "--cpu", "max", "--mem", mem, "--run", "/bin/runtime-bench", "--args", " ".join(prog_args),
           # Without it the clocksource watchdog marks the TSC unstable under TCG and Linux falls
           # back to jiffies: Stopwatch would tick in 4 ms steps (see linux-guest/README.md).
           "--append", "tsc=reliable", "--timeout", str(timeout)]
    p = subprocess.run(cmd, text=True, capture_output=True, timeout=timeout + 60)
    r, reason = boot_result(p)
    if r is None:
        return None, reason
    return {"lines": parse_lines(r["run_output"] or ""), "qemu_wall_s": round(r["qemu_wall_ms"] / 1000, 2),
            "qemu_max_rss_kb": r["qemu_max_rss_kb"]}, None


SIDES = {"minnow": minnow_run, "linux": linux_run}


def complete(result):
    return result is not None and all(b in result["lines"] for b in BENCHES)


def min_mem(side, prog_args, timeout):
    """Smallest MEM_STEPS entry with which the whole program completes (binary search; assumes
    that more memory never hurts). Returns (size, {size: ok/reason})."""
    lo, hi, tried = 0, len(MEM_STEPS) - 1, {}
    best = None
    while lo <= hi:
        mid = (lo + hi) // 2
        mem = MEM_STEPS[mid]
        result, why = SIDES[side](mem, prog_args, timeout)
        ok = complete(result)
        tried[mem] = {"ok": ok, "reason": None if ok else (why or "incomplete output"),
                      "qemu_max_rss_kb": result["qemu_max_rss_kb"] if result else None}
        log(f"  {side} -m {mem}: {'ok' if ok else 'FAILED: ' + str(tried[mem]['reason'])[:160]}")
        if ok:
            best, hi = mid, mid - 1
        else:
            lo = mid + 1
    return (MEM_STEPS[best] if best is not None else None), tried


def mib(size):
    return int(size[:-1]) * (1024 if size.endswith("G") else 1)


def fmt_value(v, unit):
    if v is None:
        return "-"
    v *= SCALE.get(unit, 1)
    return f"{v:.3g}" if abs(v) < 1000 else f"{v:.0f}"


def markdown(result):
    """The table as Markdown (out/bench/runtime.md), for bench/README.md."""
    lines = [f"{result['date']}, {result['host_cpus']} host CPUs, host load {result['host_load_before'][0]} -> "
             f"{result['host_load_after'][0]}; {result['machine']}, TCG, -cpu max, -m {result['mem']}, "
             f"median of {result['runs']} runs, scale {result['scale']}.", "",
             "| metric | unit | Minnow | Linux guest | Minnow/Linux | target | met |", "|---|---|---|---|---|---|---|"]
    for r in result["rows"]:
        target = "" if r["target"] is None else f"{'>=' if r['direction'] == 'higher' else '<='} {r['target']}"
        met = "" if r["met"] is None else ("yes" if r["met"] else "**no**")
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:.3f}"
        lines.append(f"| {r['label']} | {r['unit']} | {fmt_value(r['minnow'], r['unit'])} | "
                     f"{fmt_value(r['linux'], r['unit'])} | {ratio} | {target} | {met} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=int(os.environ.get("MINNOW_BENCH_RUNTIME_RUNS", "5")))
    ap.add_argument("--scale", default="1", help="work multiplier passed to the program")
    ap.add_argument("--mem", default="256M", help="QEMU -m for the timed runs (both sides)")
    ap.add_argument("--timeout", type=int, default=300, help="seconds per boot")
    ap.add_argument("--no-min-mem", action="store_true", help="skip the smallest -m search")
    opts = ap.parse_args()
    global HOST_TSC_KHZ
    HOST_TSC_KHZ = host_tsc_khz()
    if not HOST_TSC_KHZ:
        log("warning: host TSC rate unknown (set MINNOW_TSC_KHZ): Minnow's clock is taken as calibrated")
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    load_before = os.getloadavg()
    build_s = build()
    prog_args = ["all", opts.scale]

    runs = {"minnow": [], "linux": []}
    for i in range(opts.runs):
        for side in ("minnow", "linux"):  # interleaved, so load changes hit both sides alike
            result, why = SIDES[side](opts.mem, prog_args, opts.timeout)
            if not complete(result):
                raise SystemExit(f"{side} run {i + 1} failed: {why or 'incomplete output'}"
                                 + (f"; got {sorted(result['lines'])}" if result else ""))
            clock = f", clock factor {result['clock_factor']}" if result.get("clock_factor") else ""
            log(f"run {i + 1}/{opts.runs} {side}: {result['qemu_wall_s']} s, "
                f"QEMU peak RSS {result['qemu_max_rss_kb'] // 1024} MiB{clock}")
            runs[side].append(result)

    # Both sides must have run the same program with the same work.
    for bench in BENCHES:
        for field in WORK_FIELDS:
            seen = {json.dumps(r["lines"][bench].get(field)) for side in runs for r in runs[side]}
            if len(seen) > 1:
                raise SystemExit(f"the two sides did not do the same work: {bench}.{field} = {sorted(seen)} "
                                 "(stale Linux guest binary? rerun bench/linux-guest/build.sh)")

    def med(side, bench, field):
        if field.startswith("pauses_us:"):  # every run's pauses together (one run has only 20-40)
            pooled = sorted(x for r in runs[side] for x in r["lines"][bench]["pauses_us"])
            if not pooled:
                return None
            return pooled[-1] if field.endswith("max") else pooled[max(0, -(-99 * len(pooled) // 100) - 1)]
        values = [r["lines"][bench][field] for r in runs[side] if r["lines"][bench].get(field) is not None]
        return statistics.median(values) if values else None

    checksums = {side: sorted({r["lines"]["matmul"]["checksum_bits"] for r in runs[side]}) for side in runs}
    call_checksums = {side: sorted({r["lines"]["calls"]["checksum"] for r in runs[side]}) for side in runs}
    checksum_match = len(set(checksums["minnow"] + checksums["linux"])) == 1
    calls_match = len(set(call_checksums["minnow"] + call_checksums["linux"])) == 1

    rows = []
    for key, label, unit, bench, field, direction, target in METRICS:
        m, l = med("minnow", bench, field), med("linux", bench, field)
        ratio = round(m / l, 3) if m is not None and l else None
        met = None
        if target is not None and ratio is not None:
            met = ratio >= target if direction == "higher" else ratio <= target
        rows.append({"metric": key, "label": label, "unit": unit, "minnow": m, "linux": l, "ratio": ratio,
                     "direction": direction, "target": target, "met": met})

    # Whole-VM footprint at the timed runs' -m.
    rss = {side: statistics.median(r["qemu_max_rss_kb"] for r in runs[side]) for side in runs}
    rss_ratio = round(rss["minnow"] / rss["linux"], 3)
    rows.append({"metric": "qemu_rss", "label": f"QEMU peak RSS, -m {opts.mem}", "unit": "MiB",
                 "minnow": rss["minnow"] * 1024, "linux": rss["linux"] * 1024, "ratio": rss_ratio,
                 "direction": "lower", "target": 0.2, "met": rss_ratio <= 0.2})

    search = {}
    if not opts.no_min_mem:
        log(f"searching the smallest -m in {MEM_STEPS}")
        for side in ("minnow", "linux"):
            size, tried = min_mem(side, prog_args, min(opts.timeout, 180))
            search[side] = {"min_mem": size, "tried": tried}
        if search["minnow"]["min_mem"] and search["linux"]["min_mem"]:
            mm, lm = mib(search["minnow"]["min_mem"]), mib(search["linux"]["min_mem"])
            ratio = round(mm / lm, 3)
            rows.append({"metric": "min_mem", "label": "smallest -m that completes", "unit": "MiB",
                         "minnow": mm * 2**20, "linux": lm * 2**20, "ratio": ratio, "direction": "lower",
                         "target": 0.2, "met": ratio <= 0.2})
            mr = search["minnow"]["tried"][search["minnow"]["min_mem"]]["qemu_max_rss_kb"]
            lr = search["linux"]["tried"][search["linux"]["min_mem"]]["qemu_max_rss_kb"]
            if mr and lr:
                rows.append({"metric": "qemu_rss_min_mem", "label": "QEMU peak RSS at that -m", "unit": "MiB",
                             "minnow": mr * 1024, "linux": lr * 1024, "ratio": round(mr / lr, 3),
                             "direction": "lower", "target": 0.2, "met": mr / lr <= 0.2})

    gcstats = [r.get("gcstats", {}) for r in runs["minnow"]]
    minnow_gcstats = {k: statistics.median(g[k] for g in gcstats if k in g)
                      for k in (gcstats[0] if gcstats else {})}
    elapsed = round(time.perf_counter() - started, 1)
    result = {
        "benchmark": "runtime", "date": time.strftime("%Y-%m-%dT%H:%M:%S"), "host_cpus": os.cpu_count(),
        "host_load_before": [round(x, 2) for x in load_before], "host_load_after": [round(x, 2) for x in os.getloadavg()],
        "machine": MACHINE, "accel": "tcg", "cpu": "max", "mem": opts.mem, "runs": opts.runs, "scale": opts.scale,
        "build_s": build_s, "elapsed_s": elapsed,
        "host_tsc_khz": HOST_TSC_KHZ,
        "minnow_clock_factors": [r.get("clock_factor") for r in runs["minnow"]],
        "matmul_checksum": checksums, "matmul_checksum_match": checksum_match,
        "calls_checksum_match": calls_match,
        "minnow_gcstats_median": minnow_gcstats, "rows": rows, "min_mem_search": search,
        "raw": {side: [{"qemu_wall_s": r["qemu_wall_s"], "qemu_max_rss_kb": r["qemu_max_rss_kb"],
                        "clock_factor": r.get("clock_factor"),
                        "gcstats": r.get("gcstats"), "lines": r["lines"]} for r in runs[side]] for side in runs},
    }
    (OUT / "runtime.json").write_text(json.dumps(result, indent=2) + "\n")
    (OUT / "runtime.md").write_text(markdown(result))

    print(f"\nMinnow runtime benchmark, {time.strftime('%Y-%m-%d %H:%M')}; {MACHINE}, TCG, -cpu max, -m {opts.mem}, "
          f"median of {opts.runs}; host load {load_before[0]:.1f} -> {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; "
          f"JSON: out/bench/runtime.json")
    print(f"  {'metric':34} {'unit':>9} {'Minnow':>10} {'Linux':>10} {'Minnow/Linux':>13}  target")
    for r in rows:
        fmt = lambda v: fmt_value(v, r["unit"])
        tgt = "" if r["target"] is None else (f"{'>=' if r['direction'] == 'higher' else '<='} {r['target']}  "
                                             + ("met" if r["met"] else "MISSED"))
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:.3f}"
        print(f"  {r['label']:34} {r['unit']:>9} {fmt(r['minnow']):>10} {fmt(r['linux']):>10} {ratio:>13}  {tgt}")
    if minnow_gcstats:
        g = minnow_gcstats
        print(f"  Minnow gcstats (kernel's own): collections {g.get('collections')}, pause max "
              f"{g.get('pause-max-us', 0) / 1000:.1f} ms, p99 {g.get('pause-p99-us', 0) / 1000:.1f} ms, "
              f"heap peak {g.get('heap-peak-bytes', 0) / 2**20:.1f} MiB")
    factors = [r.get("clock_factor") for r in runs["minnow"] if r.get("clock_factor")]
    if factors:
        print(f"  Minnow clock (PIT-calibrated TSC) vs host TSC {HOST_TSC_KHZ} kHz: factors "
              f"{', '.join(f'{f:.4f}' for f in factors)} (Minnow's figures corrected by them)")
    print(f"  matmul checksum {'matches' if checksum_match else 'DIFFERS'} ({checksums}); "
          f"call checksum {'matches' if calls_match else 'DIFFERS'}")
    if search:
        print("  smallest -m: " + ", ".join(f"{s} {search[s]['min_mem'] or 'none of ' + MEM_STEPS[-1]}" for s in search))
    met = [r for r in rows if r["met"] is not None]
    print(f"  targets met: {sum(r['met'] for r in met)}/{len(met)}; took {elapsed} s (build {build_s} s)")
    return 0 if checksum_match and calls_match else 1


if __name__ == "__main__":
    sys.exit(main())
