#!/usr/bin/env python3
"""Host-side peer of the network benchmark: serves one run of bench/net/Program.cs (a Minnow image
or the Linux guest, the same program) and times it with the host's clock, so both guests are
measured the same way. Runs inside the benchmark's network namespace (bench/net_bench.py starts it
with ip netns exec); prints "ready" once every port listens, then one JSON object at the end.

    net_peer.py --bind ADDR --port BASE --guest ADDR --tcp-mib M --pings N [--timeout S]

Phases (the guest's order): BASE+0 TCP from the guest (timed from accept to end of stream, every
byte checked against the pattern), BASE+1 TCP to the guest (timed from accept to the guest's reply
with its count of intact bytes), BASE+2/BASE+3 UDP from the guest (datagrams counted by sequence
number, rate between first and last arrival), BASE+4 hold: while the guest waits, ping it N times
at 10 ms intervals and keep every round-trip time.
"""
import argparse
import json
import re
import select
import socket
import struct
import subprocess
import sys
import time

CHUNK = 64 * 1024


def pattern_blocks():
    """The guest program's pattern (PatternAt): in 64 KiB block b, byte i is (i % 251 + b) mod 256;
    it repeats every 256 blocks."""
    base = (bytes(range(251)) * (CHUNK // 251 + 1))[:CHUNK]
    return [bytes((x + b) & 0xFF for x in base) for b in range(256)]


BLOCKS = pattern_blocks()


def count_intact(data, offset):
    intact = 0
    view = memoryview(data)
    while len(view):
        within = offset % CHUNK
        n = min(len(view), CHUNK - within)
        expected = BLOCKS[(offset // CHUNK) % 256][within:within + n]
        if view[:n] == expected:
            intact += n
        else:
            intact += sum(1 for a, b in zip(view[:n], expected) if a == b)
        view = view[n:]
        offset += n
    return intact


def listener(addr, port, kind=socket.SOCK_STREAM):
    s = socket.socket(socket.AF_INET, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    if kind == socket.SOCK_STREAM:
        s.listen(1)
    return s


def accept(server, timeout):
    server.settimeout(timeout)
    conn, _ = server.accept()
    conn.settimeout(timeout)
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return conn


def tcp_from_guest(server, total, timeout):
    conn = accept(server, timeout)
    t0 = time.perf_counter()
    buf = bytearray(256 * 1024)
    received = intact = 0
    while True:
        n = conn.recv_into(buf)
        if n == 0:
            break
        intact += count_intact(buf[:n], received)
        received += n
    t1 = time.perf_counter()
    conn.sendall(struct.pack(">q", intact))
    conn.close()
    return {"bytes": received, "intact": intact, "expected": total, "seconds": round(t1 - t0, 4),
            "megabytes_per_s": round(received / 1e6 / (t1 - t0), 2)}


def tcp_to_guest(server, total, timeout):
    conn = accept(server, timeout)
    t0 = time.perf_counter()
    sent = 0
    while sent < total:
        block = BLOCKS[(sent // CHUNK) % 256]
        n = min(CHUNK, total - sent)
        conn.sendall(block[:n])
        sent += n
    conn.shutdown(socket.SHUT_WR)
    reply = b""
    while len(reply) < 8:
        more = conn.recv(8 - len(reply))
        if not more:
            raise SystemExit(f"net_peer: the guest closed after {len(reply)} of 8 reply bytes")
        reply += more
    t1 = time.perf_counter()
    conn.close()
    intact = struct.unpack(">q", reply)[0]
    return {"bytes": total, "intact": intact, "seconds": round(t1 - t0, 4),
            "megabytes_per_s": round(total / 1e6 / (t1 - t0), 2)}


def udp_from_guest(sink, control, timeout):
    """Counts datagrams until the guest reports on the control port and no datagram has come for
    0.5 s; the rate is over first to last arrival."""
    # SO_RCVBUFFORCE (33; Python does not name it): as root, past rmem_max (208 KiB in a new
    # namespace), so the host's buffer is not what limits the count.
    sink.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_RCVBUFFORCE", 33), 64 << 20)
    control.settimeout(timeout)
    control.setblocking(False)
    seen = set()
    received = 0
    first = last = None
    report = None
    conn = None
    deadline = time.perf_counter() + timeout
    quiet_since = None
    while time.perf_counter() < deadline:
        readers = [sink, control] if conn is None else [sink, conn]
        ready, _, _ = select.select(readers, [], [], 0.05)
        now = time.perf_counter()
        if sink in ready:
            while True:
                try:
                    data = sink.recv(65536, socket.MSG_DONTWAIT)
                except BlockingIOError:
                    break
                last = time.perf_counter()
                first = first or last
                received += 1
                if len(data) >= 4:
                    seen.add(struct.unpack(">i", data[:4])[0])
            quiet_since = None
        if control in ready and conn is None:
            conn, _ = control.accept()
            conn.settimeout(timeout)
        elif conn is not None and conn in ready and report is None:
            report = conn.recv(64).decode(errors="replace")
            quiet_since = quiet_since or now
        if report is not None:
            quiet_since = quiet_since or now
            if now - quiet_since >= 0.5:
                break
    if conn is None or report is None:
        raise SystemExit("net_peer: the guest never reported the end of the UDP phase")
    conn.sendall(b"ok\n")
    conn.close()
    m = re.match(r"sent (\d+)", report)
    sent = int(m.group(1)) if m else None
    span = (last - first) if first is not None and last > first else None
    return {"received": received, "distinct": len(seen), "sent": sent,
            "seconds": round(span, 4) if span else None,
            "packets_per_s": round((received - 1) / span, 1) if span else None}


def ping_guest(server, guest, count, timeout):
    conn = accept(server, timeout)
    try:
        p = subprocess.run(["ping", "-n", "-c", str(count), "-i", "0.01", "-W", "1", guest],
                           text=True, capture_output=True, timeout=timeout)
    finally:
        conn.close()
    rtts = [float(x) for x in re.findall(r"time=([0-9.]+) ms", p.stdout)]
    return {"sent": count, "replies": len(rtts), "rtt_ms": rtts}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bind", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--guest", required=True)
    ap.add_argument("--tcp-mib", type=int, required=True)
    ap.add_argument("--pings", type=int, required=True)
    ap.add_argument("--timeout", type=float, default=180)
    a = ap.parse_args()
    total = a.tcp_mib << 20
    tcp_in = listener(a.bind, a.port)
    tcp_out = listener(a.bind, a.port + 1)
    udp = listener(a.bind, a.port + 2, socket.SOCK_DGRAM)
    udp_control = listener(a.bind, a.port + 3)
    hold = listener(a.bind, a.port + 4)
    print("ready", flush=True)
    result = {}
    try:
        result["tcp_from_guest"] = tcp_from_guest(tcp_in, total, a.timeout)
        result["tcp_to_guest"] = tcp_to_guest(tcp_out, total, a.timeout)
        result["udp_from_guest"] = udp_from_guest(udp, udp_control, a.timeout)
        result["ping"] = ping_guest(hold, a.guest, a.pings, a.timeout)
    except (OSError, socket.timeout) as e:
        result["error"] = f"{type(e).__name__}: {e} (after {', '.join(result) or 'no phase'})"
    print(json.dumps(result), flush=True)
    sys.exit(1 if "error" in result else 0)


if __name__ == "__main__":
    main()
