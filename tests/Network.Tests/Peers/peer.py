#!/usr/bin/env python3
"""Linux-side peers for tests/Network.Tests, run inside the test's namespace with Linux's own stack.

Data is SocketPeer's pattern: byte i = (i * 13 + 7) mod 251, checked byte for byte.
  tcp-sink PORT              accept one connection, read to EOF, answer "N ok" or "N corrupt"
  tcp-source PORT BYTES      accept one connection, send BYTES of pattern, close
  tcp-client HOST PORT BYTES connect, send BYTES, half-close, read the reply to EOF and check it
  flood DEVICE MAC SECONDS   send malformed frames at MAC from a raw socket on DEVICE for SECONDS
  udp-client HOST PORT COUNT send COUNT numbered datagrams of 4..1404 bytes, one at a time, each
                             until its echo comes back intact
  udp-sink PORT COUNT IDLE     count distinct numbered datagrams until COUNT arrived, or none came
                             for IDLE seconds after the first
Each prints one result line and exits 0 when everything checked out. The first line of a server
is "listening" (flushed), so the test knows when to start the image's client.
"""
import socket
import sys
import time

PERIOD = bytes((i * 13 + 7) % 251 for i in range(251))
PATTERN = PERIOD * (1 + (1 << 20) // 251)


def pattern(offset, length):
    start = offset % 251
    out = bytearray()
    while len(out) < length:
        take = min(length - len(out), len(PATTERN) - start)
        out += PATTERN[start:start + take]
        start = 0
    return bytes(out)


def check(data, offset):
    return data == pattern(offset, len(data))


def read_checked(conn):
    got, ok = 0, True
    while True:
        block = conn.recv(1 << 20)
        if not block:
            return got, ok
        ok = ok and check(block, got)
        got += len(block)


def send_pattern(conn, total):
    sent = 0
    while sent < total:
        n = min(1 << 16, total - sent)
        conn.sendall(pattern(sent, n))
        sent += n
    return sent


def listen(port):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("0.0.0.0", port))
    srv.listen(1)
    srv.settimeout(120)
    print("listening", flush=True)
    conn, _ = srv.accept()
    conn.settimeout(60)
    return conn


def main(argv):
    mode = argv[1]
    start = time.time()
    if mode == "tcp-sink":
        conn = listen(int(argv[2]))
        got, ok = read_checked(conn)
        conn.sendall(b"%d %s" % (got, b"ok" if ok else b"corrupt"))
        conn.close()
        print("sink received %d %s %.2f MB/s" % (got, "intact" if ok else "CORRUPT", got / 1e6 / (time.time() - start)))
        return 0 if ok else 1
    if mode == "tcp-source":
        conn = listen(int(argv[2]))
        sent = send_pattern(conn, int(argv[3]))
        conn.close()
        print("source sent %d" % sent)
        return 0
    if mode == "tcp-client":
        deadline = time.time() + 90
        while True:
            try:
                conn = socket.create_connection((argv[2], int(argv[3])), timeout=5)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        conn.settimeout(60)
        sent = send_pattern(conn, int(argv[4]))
        conn.shutdown(socket.SHUT_WR)
        got, ok = read_checked(conn)
        print("client sent %d received %d %s" % (sent, got, "intact" if ok else "CORRUPT"))
        return 0 if ok else 1
    if mode == "udp-sink":
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        # Root may exceed rmem_max (208 KiB in a new namespace): the whole burst fits in the buffer.
        u.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_RCVBUFFORCE", 33), 64 << 20)
        u.bind(("0.0.0.0", int(argv[2])))
        count, idle = int(argv[3]), float(argv[4])
        print("listening", flush=True)
        seen = set()
        u.settimeout(150)
        try:
            while len(seen) < count:
                data = u.recv(2048)
                if len(data) >= 4:
                    seen.add(int.from_bytes(data[:4], "big"))
                u.settimeout(idle)
        except socket.timeout:
            pass
        print("udp sink received %d of %d" % (len(seen), count))
        # UDP may lose datagrams on the host side (the tap's backlog under load); the test judges the count.
        return 0 if seen else 1
    if mode == "udp-client":
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        count, echoed = int(argv[4]), 0
        deadline = time.time() + 90
        while echoed < count and time.time() < deadline:
            # Datagram i carries its number, so a late echo of an earlier one is told apart.
            payload = echoed.to_bytes(4, "big") + pattern(echoed * 7, (echoed * 97) % 1400)
            u.sendto(payload, (argv[2], int(argv[3])))
            answer_by = time.time() + 3
            while time.time() < answer_by:
                u.settimeout(max(0.01, answer_by - time.time()))
                try:
                    if u.recv(2048) == payload:
                        echoed += 1
                        break
                except socket.timeout:
                    break  # the image may still be booting, or the datagram was lost: send again
        print("udp echoed %d of %d" % (echoed, count))
        return 0 if echoed == count else 1
    if mode == "flood":
        # flood DEVICE MAC SECONDS: malformed and random frames at MAC through a raw socket for SECONDS,
        # built from a seeded generator (reproducible): truncated headers, bad lengths, bad
        # checksums, bogus options, random EtherTypes.
        import random
        rng = random.Random(1234)
        dev, mac, seconds = argv[2], bytes.fromhex(argv[3].replace(":", "")), float(argv[4])
        raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        raw.bind((dev, 0))
        src = bytes([0x02, 0, 0, 0xde, 0xad, 0x01])
        sent = 0
        until = time.time() + seconds
        i = -1
        while time.time() < until:
            i += 1
            kind = i % 6
            body = bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 120)))
            if kind == 0:      # IPv4 with a random header
                frame = mac + src + b"\x08\x00" + bytes([0x45]) + body
            elif kind == 1:    # IPv4/TCP to the test ports with random header bytes
                frame = mac + src + b"\x08\x00" + bytes([0x45, 0, 0, 60, 0, 0, 0, 0, 64, 6, 0, 0, 10, 77, 0, 1, 10, 77, 0, 2]) + body
            elif kind == 2:    # ARP garbage
                frame = mac + src + b"\x08\x06" + body
            elif kind == 3:    # truncated Ethernet
                frame = mac + src[:rng.randrange(0, 6)]
            elif kind == 4:    # VLAN tags, stacked ones included
                frame = mac + src + b"\x81\x00" + body
            else:              # random EtherType
                frame = mac + src + bytes([rng.getrandbits(8), rng.getrandbits(8)]) + body
            try:
                raw.send(frame[:1514] if len(frame) >= 14 else frame + bytes(14 - len(frame)))
                sent += 1
            except OSError:
                pass
        print("flood sent %d" % sent)
        return 0
    print("unknown mode", mode)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
