#!/usr/bin/env python3
"""Network benchmark: a Minnow image against the Linux guest, side by side in one run.

    bench/run net [--runs N] [--tcp-mib M] [--udp-count N] [--udp-size B] [--pings N]

Both guests run bench/net/Program.cs (Minnow: `minnow build`; Linux: stock NativeAOT in the
bench/linux-guest initramfs, bench/linux-guest/net-linux) on the same QEMU with the same machine
(microvm with PCIe, TCG, -cpu max, -m 256M), the same NIC (virtio-net-pci, modern only, on a tap
device) and the same host-side peer (bench/net_peer.py), which does all the timing with the host's
clock. The tap sits on a bridge in a network namespace this script creates and deletes, so no
traffic leaves the machine. Runs alternate Minnow and Linux (host load hits both alike); medians
per metric. Measured: TCP throughput guest->host and host->guest (every byte checked on arrival),
UDP datagrams per second guest->host, ping round-trip time host->guest. Needs root (namespaces,
taps). JSON in out/bench/net.json, a table on stdout.
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import time

from benchlib import alternate, build_sides, logger, run
from netns import GUEST_ADDR, HOST_ADDR, BenchNetwork, linux_guest, minnow_guest

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "bench"
TOOL = ["dotnet", str(ROOT / "out" / "tools" / "minnow.dll")]
SOURCE = ROOT / "bench" / "net"
IMAGE = OUT / "images" / "net-bench.elf"
GUEST = ROOT / "out" / "linux-guest-net"
GUEST_DEBS = ROOT / "out" / "linux-guest" / "debs"  # shared with the other benchmarks' guests
LINUX_PROJECT = ROOT / "bench" / "linux-guest" / "net-linux"
PEER = ROOT / "bench" / "net_peer.py"
BASE_PORT = 5201
MEM = "256M"

# (key, label, unit, direction, target): "higher" means Minnow/Linux should be >= target,
# "lower" means <= target (the targets: throughput at least Linux's, RTT no worse).
METRICS = [
    ("tcp_from_guest", "TCP guest->host", "MB/s", "higher", 1.0),
    ("tcp_to_guest", "TCP host->guest", "MB/s", "higher", 1.0),
    ("udp_pps", "UDP guest->host", "k pkt/s", "higher", 1.0),
    ("udp_delivered", "UDP delivered", "%", "higher", None),
    ("ping_median", "ping RTT median", "ms", "lower", 1.0),
    ("ping_p99", "ping RTT p99", "ms", "lower", None),
]


log = logger("net_bench")


def build():
    return build_sides(TOOL, log, SOURCE, IMAGE, ROOT / "bench" / "linux-guest" / "build.sh", GUEST,
                       ["--debs", GUEST_DEBS, "--project", LINUX_PROJECT], "virtio-net modules, stock NativeAOT net-bench in the initramfs")


def one_run(net, side, a):
    """One boot of one guest against a fresh peer; the peer's JSON, or (None, reason)."""
    timeout = 300
    peer = subprocess.Popen(net.command(["python3", PEER, "--bind", HOST_ADDR, "--port", BASE_PORT,
                                          "--guest", GUEST_ADDR, "--tcp-mib", a.tcp_mib, "--pings", a.pings,
                                          "--timeout", timeout]),
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if peer.stdout.readline().strip() != "ready":
        peer.kill()
        return None, f"the peer did not start: {peer.stderr.read()[-300:]}"
    prog_args = [HOST_ADDR, str(BASE_PORT), str(a.tcp_mib), str(a.udp_count), str(a.udp_size)]
    # netstats: the image logs its NIC's features and the stack's counters (kept in out/bench).
    command = minnow_guest(TOOL, IMAGE, MEM, timeout, prog_args, kargs="netstats") if side == "minnow" \
        else linux_guest(ROOT, GUEST, "/bin/net-bench", MEM, timeout, prog_args)
    guest = subprocess.run(net.command(command), text=True,
                           capture_output=True, timeout=timeout + 60)
    (OUT / f"net-{side}.log").write_text(guest.stderr + guest.stdout)
    try:
        peer_out, peer_err = peer.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        peer.kill()
        peer_out, peer_err = peer.communicate()
    if guest.returncode != 0:
        tail = " | ".join((guest.stderr + guest.stdout).strip().splitlines()[-4:])
        return None, f"guest exited with {guest.returncode}: {tail}"
    try:
        result = json.loads(peer_out.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return None, f"the peer printed no result: {peer_err.strip()[-300:]}"
    if "error" in result:
        return None, result["error"]
    for key in ("tcp_from_guest", "tcp_to_guest"):
        if result[key]["intact"] != a.tcp_mib << 20:
            return None, f"{key}: {result[key]['intact']} of {a.tcp_mib << 20} bytes intact"
    return result, None


def metrics(result, a):
    rtts = sorted(result["ping"]["rtt_ms"])
    udp = result["udp_from_guest"]
    return {
        "tcp_from_guest": result["tcp_from_guest"]["megabytes_per_s"],
        "tcp_to_guest": result["tcp_to_guest"]["megabytes_per_s"],
        "udp_pps": udp["packets_per_s"] / 1000 if udp["packets_per_s"] else None,
        "udp_delivered": round(100 * udp["distinct"] / a.udp_count, 2),
        "ping_median": statistics.median(rtts) if rtts else None,
        "ping_p99": rtts[min(len(rtts) - 1, int(len(rtts) * 0.99))] if rtts else None,
    }


def median(values):
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 3) if values else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--runs", type=int, default=int(os.environ.get("MINNOW_BENCH_NET_RUNS", 3)))
    ap.add_argument("--tcp-mib", type=int, default=32)
    ap.add_argument("--udp-count", type=int, default=20000)
    ap.add_argument("--udp-size", type=int, default=64)
    ap.add_argument("--pings", type=int, default=200)
    a = ap.parse_args()
    network = BenchNetwork("netbench")
    build_s = build()
    with network as net:
        runs, failures = alternate(a.runs, ["minnow", "linux"], lambda side: one_run(net, side, a), log)
    if not runs["minnow"] or not runs["linux"]:
        raise SystemExit(f"net_bench: no complete run on one side: {failures}")

    summary = {}
    for key, label, unit, direction, target in METRICS:
        m = median(metrics(r, a)[key] for r in runs["minnow"])
        l = median(metrics(r, a)[key] for r in runs["linux"])
        ratio = round(m / l, 3) if m is not None and l else None
        met = None
        if target is not None and ratio is not None:
            met = ratio >= target if direction == "higher" else ratio <= target
        summary[key] = {"label": label, "unit": unit, "minnow": m, "linux": l, "ratio": ratio,
                        "direction": direction, "target": target, "met": met}
    report = {
        "bench": "net", "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "build_s": build_s,
        "settings": {"runs": a.runs, "tcp_mib": a.tcp_mib, "udp_count": a.udp_count, "udp_size": a.udp_size,
                     "pings": a.pings, "machine": "microvm,pcie=on", "accel": "tcg", "cpu": "max", "mem": MEM,
                     "nic": "virtio-net-pci (modern) on a tap on a Linux bridge in a namespace",
                     "load_average": os.getloadavg()},
        "metrics": summary, "runs": runs, "failures": failures,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "net.json").write_text(json.dumps(report, indent=1))
    print(f"\nNetwork: Minnow image vs Linux guest (medians of {len(runs['minnow'])}/{len(runs['linux'])} runs; "
          f"{a.tcp_mib} MiB TCP each way, {a.udp_count} x {a.udp_size} B UDP, {a.pings} pings)")
    print(f"| metric | unit | Minnow | Linux | Minnow/Linux | target |")
    print(f"|---|---|---|---|---|---|")
    for key, s in summary.items():
        target = "" if s["target"] is None else f"{'>=' if s['direction'] == 'higher' else '<='} {s['target']} " + \
            ("met" if s["met"] else "missed")
        print(f"| {s['label']} | {s['unit']} | {s['minnow']} | {s['linux']} | {s['ratio']} | {target} |")
    print(f"\nJSON: {OUT / 'net.json'}")


if __name__ == "__main__":
    main()
