#!/usr/bin/env python3
"""RPC benchmark: Cricket null-call latency and copy bandwidth, four clients side by side in one run.

    bench/run rpc [--runs N] [--calls N] [--max-bytes B]

Clients, all against one CPU-backed Cricket server (host/Minnow.GpuServer, --no-rpcbind) listening
on the host side of the benchmark network (bench/netns.py):
  minnow      bench/rpc-client as a Minnow image (Minnow.Rpc.Cricket over stock System.Net.Sockets
              on Minnow's TCP/IP stack), on the tap
  linux-c     bench/rpc/cricket_bench.c (rpcgen + libtirpc) in the Linux guest on the same QEMU,
              same machine, same NIC and tap
  host-c      the same C client natively on the host (in the namespace, to the bridge address)
  host-cs     bench/rpc-client on host .NET, natively
Each client times itself (Stopwatch / CLOCK_MONOTONIC) and prints one JSON line per measurement.
Both guests get -m 512M (a 64 MiB copy holds the data, its copy back and the RPC record). Runs
alternate the clients; medians. Targets (the issue's): the image's copy bandwidth at least the
Linux guest's, and at least 70% of the image's raw TCP throughput in the same direction (from
out/bench/net.json, the network benchmark of the same `make bench`). Needs root.
JSON in out/bench/rpc.json, a table on stdout.
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import time

from benchlib import alternate, boot_result, json_lines, logger, run
from netns import HOST_ADDR, BenchNetwork, linux_guest, minnow_guest

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "bench"
TOOL = ["dotnet", str(ROOT / "out" / "tools" / "minnow.dll")]
SOURCE = ROOT / "bench" / "rpc-client"
IMAGE = OUT / "images" / "rpc-bench.elf"
HOST_CS = ROOT / "out" / "bin" / "RpcBench" / "Release" / "net10.0" / "rpc-bench.dll"
C_OUT = OUT / "rpc-c"
C_CLIENT = C_OUT / "cricket-bench-c"
GUEST = ROOT / "out" / "linux-guest-rpc"
GUEST_DEBS = ROOT / "out" / "linux-guest" / "debs"
SERVER = ROOT / "out" / "bin" / "Minnow.GpuServer" / "Release" / "net10.0" / "minnow-gpu-server.dll"
PORT = 4990
MEM = "512M"
CLIENTS = ["minnow", "linux-c", "host-c", "host-cs"]


log = logger("rpc_bench")


def build():
    t0 = time.perf_counter()
    IMAGE.parent.mkdir(parents=True, exist_ok=True)
    log("building the C# client: image and host program; the CPU-backed server")
    run(TOOL + ["build", SOURCE, "-o", IMAGE])
    run(["dotnet", "build", SOURCE / "RpcBench.csproj", "-c", "Release", "-nologo", "-v", "q", "-clp:ErrorsOnly"])
    run(["dotnet", "build", ROOT / "host" / "Minnow.GpuServer" / "Minnow.GpuServer.csproj", "-c", "Release",
         "-nologo", "-v", "q", "-clp:ErrorsOnly"])
    log("building the C client (rpcgen + libtirpc) and the Linux guest holding it")
    run([ROOT / "bench" / "rpc" / "build-c-client.sh", C_OUT])
    run([ROOT / "bench" / "linux-guest" / "build.sh", GUEST, "--debs", GUEST_DEBS, "--binary", C_CLIENT])
    return round(time.perf_counter() - t0, 1)


def parse_lines(text):
    """Measurements by key: "null", "device-count", "copy-htod/1024", ..."""
    return {obj["bench"] + (f"/{obj['bytes']}" if "bytes" in obj else ""): obj for obj in json_lines(text)}


def one_run(net, client, a):
    timeout = 600
    prog_args = [HOST_ADDR, PORT, a.calls, a.max_bytes]
    if client == "minnow":
        # gcstats, netstats: the image logs its collector's and stack's figures (kept in out/bench).
        cmd = minnow_guest(TOOL, IMAGE, MEM, timeout, prog_args, kargs="gcstats netstats")
    elif client == "linux-c":
        cmd = linux_guest(ROOT, GUEST, "/bin/cricket-bench-c", MEM, timeout, prog_args)
    elif client == "host-c":
        cmd = [C_CLIENT] + prog_args
    else:
        cmd = ["dotnet", HOST_CS] + prog_args
    p = subprocess.run(net.command(cmd), text=True, capture_output=True, timeout=timeout + 60)
    (OUT / f"rpc-{client}.log").write_text(p.stderr + p.stdout)
    output = p.stdout
    if client == "linux-c":
        r, reason = boot_result(p)
        if r is None:
            return None, reason
        output = r["run_output"] or ""
    elif p.returncode != 0:
        tail = " | ".join((p.stderr + p.stdout).strip().splitlines()[-4:])
        return None, f"exit {p.returncode}: {tail}"
    lines = parse_lines(output)
    if "null" not in lines or not any(k.startswith("copy-dtoh/") for k in lines):
        return None, f"incomplete output: {output.strip()[-300:]}"
    return lines, None


def value(lines, key):
    obj = lines.get(key)
    if obj is None:
        return None
    return obj["us_per_call"] if "us_per_call" in obj else obj["megabytes_per_s"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--runs", type=int, default=int(os.environ.get("MINNOW_BENCH_RPC_RUNS", 3)))
    ap.add_argument("--calls", type=int, default=1000)
    ap.add_argument("--max-bytes", type=int, default=64 << 20)
    a = ap.parse_args()
    network = BenchNetwork("rpcbench")
    build_s = build()
    with network as net:
        server = subprocess.Popen(net.command(["dotnet", SERVER, "--port", PORT, "--no-rpcbind", "--quiet"]),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            # Ready when the C client's smallest run succeeds (the server prints nothing when quiet).
            deadline = time.monotonic() + 60
            while subprocess.run(net.command([C_CLIENT, HOST_ADDR, PORT, 1, 1024]), capture_output=True).returncode != 0:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"rpc_bench: the Cricket server did not come up: {server.stderr.read()[-300:] if server.poll() is not None else 'timeout'}")
                time.sleep(0.5)
            runs, failures = alternate(a.runs, CLIENTS, lambda client: one_run(net, client, a), log)
        finally:
            server.kill()
            server.wait()
    if not runs["minnow"] or not runs["linux-c"]:
        raise SystemExit(f"rpc_bench: no complete run of the image or of the Linux guest: {failures}")

    keys = ["null", "device-count"]
    size = 1024
    while size <= min(a.max_bytes, 64 << 20):
        keys += [f"copy-htod/{size}", f"copy-dtoh/{size}"]
        size *= 4
    medians = {}
    for key in keys:
        medians[key] = {}
        for client in CLIENTS:
            vals = [value(r, key) for r in runs[client] if value(r, key) is not None]
            medians[key][client] = round(statistics.median(vals), 2) if vals else None

    # The image's raw TCP throughput, same network, same make bench (net_bench.py).
    raw_tcp = None
    net_json = OUT / "net.json"
    if net_json.exists():
        net_report = json.loads(net_json.read_text())
        raw_tcp = {"htod": net_report["metrics"]["tcp_from_guest"]["minnow"],
                   "dtoh": net_report["metrics"]["tcp_to_guest"]["minnow"], "date": net_report["date"]}

    rows = []
    for key in keys:
        m = medians[key]
        latency = not key.startswith("copy")
        ratio = round(m["minnow"] / m["linux-c"], 3) if m["minnow"] and m["linux-c"] else None
        row = {"key": key, "unit": "us/call" if latency else "MB/s", **m, "minnow_over_linux": ratio}
        if latency:
            row["target_met"] = None
        else:
            row["target_met"] = ratio is not None and ratio >= 1.0
            if raw_tcp:
                direction = "htod" if "htod" in key else "dtoh"
                row["share_of_raw_tcp"] = round(m["minnow"] / raw_tcp[direction], 3) if m["minnow"] else None
        rows.append(row)
    report = {"bench": "rpc", "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "build_s": build_s,
              "settings": {"runs": a.runs, "calls": a.calls, "max_bytes": a.max_bytes, "mem": MEM,
                           "server": "host/Minnow.GpuServer (CPU backend), --no-rpcbind, in the namespace",
                           "load_average": os.getloadavg()},
              "raw_tcp_minnow_mb_s": raw_tcp, "rows": rows, "runs": runs, "failures": failures}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "rpc.json").write_text(json.dumps(report, indent=1))

    print(f"\nRPC (Cricket): medians of {', '.join(f'{c} {len(runs[c])}' for c in CLIENTS)} runs; "
          f"latency in us per call (lower is better), copies in MB/s")
    print("| measurement | Minnow image | Linux guest (C) | host C | host C# | image/Linux guest | image/raw TCP |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        share = r.get("share_of_raw_tcp")
        flag = "" if r["target_met"] is None else (" met" if r["target_met"] else " missed")
        print(f"| {r['key']} | {r['minnow']} | {r['linux-c']} | {r['host-c']} | {r['host-cs']} | "
              f"{r['minnow_over_linux']}{flag} | {'' if share is None else share} |")
    if raw_tcp:
        print(f"\nraw TCP of the image (net.json, {raw_tcp['date']}): {raw_tcp['htod']} MB/s out, {raw_tcp['dtoh']} MB/s in; target share >= 0.7")
    print(f"JSON: {OUT / 'rpc.json'}")


if __name__ == "__main__":
    main()
