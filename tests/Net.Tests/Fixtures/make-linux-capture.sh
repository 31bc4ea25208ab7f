#!/usr/bin/env bash
# Regenerates linux-veth.pcap: Linux's own ARP, ICMP echo, UDP and TCP (with its SYN options,
# window scaling, SACK-permitted and timestamps) between two network namespaces joined by a veth
# pair, with checksum offload off so the captured checksums are the ones Linux computed.
# Needs root, iproute2, ethtool, tcpdump and python3. Only namespaces it creates are touched.
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)/linux-veth.pcap"
cleanup() { ip netns del mnw-a 2>/dev/null || true; ip netns del mnw-b 2>/dev/null || true; }
trap cleanup EXIT
cleanup
ip netns add mnw-a
ip netns add mnw-b
ip link add mnw-va type veth peer name mnw-vb
ip link set mnw-va netns mnw-a
ip link set mnw-vb netns mnw-b
ip -n mnw-a addr add 10.77.0.1/24 dev mnw-va
ip -n mnw-b addr add 10.77.0.2/24 dev mnw-vb
ip -n mnw-a link set mnw-va up
ip -n mnw-b link set mnw-vb up
ip netns exec mnw-a ethtool -K mnw-va tx off rx off tso off gso off >/dev/null
ip netns exec mnw-b ethtool -K mnw-vb tx off rx off tso off gso off >/dev/null
ip netns exec mnw-b tcpdump -i mnw-vb -w "$out" -U -s 0 2>/dev/null &
dump=$!
sleep 1
ip netns exec mnw-b python3 - <<'PY' &
import socket
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("10.77.0.2", 40123))
t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); t.bind(("10.77.0.2", 40124)); t.listen(1)
data, peer = u.recvfrom(2000); u.sendto(data[::-1], peer)
c, _ = t.accept(); total = 0
while True:
    b = c.recv(65536)
    if not b: break
    total += len(b)
c.sendall(b"received %d" % total); c.close()
PY
server=$!
sleep 0.5
ip netns exec mnw-a python3 - <<'PY'
import socket, struct, time
def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return ~s & 0xffff
icmp = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
body = b"minnow-ping-odd-len"
hdr = struct.pack("!BBHHH", 8, 0, 0, 0x4d4e, 1)
icmp.sendto(struct.pack("!BBHHH", 8, 0, csum(hdr + body), 0x4d4e, 1) + body, ("10.77.0.2", 0))
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.sendto(b"question from linux", ("10.77.0.2", 40123)); u.settimeout(2); u.recvfrom(2000)
t = socket.create_connection(("10.77.0.2", 40124))
t.sendall(bytes(range(256)) * 80)
t.shutdown(socket.SHUT_WR); t.settimeout(2); print(t.recv(100)); t.close()
PY
wait $server
sleep 0.5
kill $dump; wait $dump 2>/dev/null || true
echo "wrote $out"
