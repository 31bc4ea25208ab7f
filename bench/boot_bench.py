#!/usr/bin/env python3
"""Boot and build benchmarks for images/hello, beside Debian's Linux on the same QEMU.

Measures, in one run and on one accelerator (what `minnow run --accel auto` picks):
  - image size; cold, warm (after a source edit) and no-op build times of hello;
  - whole QEMU process time from start to exit for the hello image (microvm and q35);
  - in-guest time from the kernel's first instruction to Main (TSC, `--kargs bootstats`);
  - Debian's Linux + busybox initramfs: QEMU start to /init, and the same hello program as a
    stock NativeAOT Linux binary run inside that guest (bench/linux-guest).
Results: out/bench/boot.json and a table with the ratios.
"""
import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "bench"
TOOL = ["dotnet", str(ROOT / "out" / "tools" / "minnow.dll")]
RUNS = int(os.environ.get("MINNOW_BENCH_RUNS", "7"))
LINUX_RUNS = int(os.environ.get("MINNOW_BENCH_LINUX_RUNS", "3"))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def timed(cmd):
    start = time.perf_counter()
    run(cmd)
    return time.perf_counter() - start


def build_times():
    src = OUT / "hello-src"
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree(ROOT / "images" / "hello", src)
    image = OUT / "images" / "hello.elf"
    for stale in [ROOT / "out" / "obj" / "images" / "hello", ROOT / "out" / "runtime"]:
        shutil.rmtree(stale, ignore_errors=True)
    for f in (OUT / "images").glob("hello*") if (OUT / "images").exists() else []:
        f.unlink()
    build = TOOL + ["build", str(src), "-o", str(image)]
    cold = timed(build)
    with open(src / "Program.cs", "a") as f:
        f.write("// benchmark edit\n")
    warm = timed(build)
    noop = timed(build)
    return image, {"cold_build_s": round(cold, 2), "warm_build_s": round(warm, 2), "noop_build_s": round(noop, 2),
                   "image_bytes": image.stat().st_size}


def qemu_command(image, machine, kargs=""):
    out = run(TOOL + ["run", str(image), "--machine", machine, "--print-command", "--kargs", kargs]).stdout
    return out.strip().split("\n")


def boot_minnow(image, machine):
    cmd = qemu_command(image, machine)
    walls = []
    for _ in range(RUNS):
        start = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        walls.append((time.perf_counter() - start) * 1000)
        if "Hello from Minnow!" not in p.stdout or "minnow: exit 0" not in p.stderr:
            raise SystemExit(f"hello image did not run correctly on {machine}:\n{p.stdout}\n{p.stderr}")
    stats = run_bootstats(image, machine)
    accel = cmd[cmd.index("-accel") + 1]
    return {"machine": machine, "accel": accel, "qemu_wall_ms_median": round(statistics.median(walls), 1),
            "qemu_wall_ms_min": round(min(walls), 1), "runs": RUNS, **stats}


def run_bootstats(image, machine):
    cmd = qemu_command(image, machine, "bootstats")
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    m = re.search(r"bootstats .*?\bentry-to-main-ns=(\d+) main-ns=(\d+) tsc-hz=(\d+)", p.stderr)
    if not m:
        raise SystemExit(f"no bootstats line:\n{p.stderr}")
    return {"entry_to_main_us": round(int(m.group(1)) / 1000, 1), "main_us": round(int(m.group(2)) / 1000, 1),
            "tsc_hz": int(m.group(3))}


def boot_linux(machine, accel, with_hello):
    guest = ROOT / "out" / "linux-guest"
    init, walls, ok = [], [], True
    for _ in range(LINUX_RUNS):
        args = [str(ROOT / "bench" / "linux-guest" / "boot.sh"), str(guest), "--machine", machine, "--accel", accel]
        if with_hello:
            args += ["--run", "/bin/hello"]
        p = subprocess.run(args, capture_output=True, text=True, timeout=300)
        result = json.loads(p.stdout.strip().splitlines()[-1])
        ok = ok and result["ok"] and (not with_hello or (result["run_exit"] == 0 and "Hello from Minnow!" in result["run_output"]))
        init.append(result["init_seen_ms"])
        walls.append(result["qemu_wall_ms"])
    return {"machine": machine, "accel": accel, "with_hello": with_hello, "ok": ok, "runs": LINUX_RUNS,
            "init_seen_ms_median": round(statistics.median(init), 1), "qemu_wall_ms_median": round(statistics.median(walls), 1)}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    image, build = build_times()
    minnow = [boot_minnow(image, m) for m in ("microvm", "q35")]
    accel = minnow[0]["accel"]
    run([str(ROOT / "bench" / "linux-guest" / "build.sh"), str(ROOT / "out" / "linux-guest")])
    linux = [boot_linux(m, accel, h) for m in ("microvm", "q35") for h in (False, True)]

    ratios = {}
    for m in minnow:
        to_init = next(l for l in linux if l["machine"] == m["machine"] and not l["with_hello"])
        with_hello = next(l for l in linux if l["machine"] == m["machine"] and l["with_hello"])
        ratios[m["machine"]] = {
            "minnow_exit_over_linux_init": round(m["qemu_wall_ms_median"] / to_init["init_seen_ms_median"], 4),
            "linux_hello_over_minnow_hello": round(with_hello["qemu_wall_ms_median"] / m["qemu_wall_ms_median"], 1),
        }
    targets = {
        "image_bytes_max": 1_000_000,
        "minnow_exit_over_linux_init_max_microvm": round(1 / 50, 4),
        "warm_build_s_max": 20,
    }
    met = {
        "image_size": build["image_bytes"] <= targets["image_bytes_max"],
        "boot_vs_linux_microvm": ratios["microvm"]["minnow_exit_over_linux_init"] <= targets["minnow_exit_over_linux_init_max_microvm"],
        "warm_build": build["warm_build_s"] <= targets["warm_build_s_max"],
    }
    result = {"benchmark": "boot", "date": time.strftime("%Y-%m-%dT%H:%M:%S"), "host_cpus": os.cpu_count(),
              "build": build, "minnow": minnow, "linux": linux, "ratios": ratios, "targets": targets, "targets_met": met}
    (OUT / "boot.json").write_text(json.dumps(result, indent=2) + "\n")

    print(f"\nMinnow boot benchmark ({accel}), {time.strftime('%Y-%m-%d')}; JSON: out/bench/boot.json")
    print(f"  hello image: {build['image_bytes']:,} bytes   build: cold {build['cold_build_s']} s, "
          f"warm {build['warm_build_s']} s, no-op {build['noop_build_s']} s")
    print(f"  {'machine':8} {'Minnow start->exit':>19} {'entry->Main':>12} {'Linux start->/init':>19} {'Linux +hello':>13} {'ratio exit//init':>17}")
    for m in minnow:
        li = next(l for l in linux if l["machine"] == m["machine"] and not l["with_hello"])
        lh = next(l for l in linux if l["machine"] == m["machine"] and l["with_hello"])
        print(f"  {m['machine']:8} {m['qemu_wall_ms_median']:>16.1f} ms {m['entry_to_main_us']:>9.1f} us "
              f"{li['init_seen_ms_median']:>16.1f} ms {lh['qemu_wall_ms_median']:>10.1f} ms "
              f"{ratios[m['machine']]['minnow_exit_over_linux_init']:>17.4f}")
    print("  targets: " + ", ".join(f"{k} {'met' if v else 'MISSED'}" for k, v in met.items()))


if __name__ == "__main__":
    sys.exit(main())
