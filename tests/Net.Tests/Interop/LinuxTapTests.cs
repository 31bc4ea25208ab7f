using System.Diagnostics;
using Minnow.Net.Tcp;
using Minnow.Net.Tests.Support;
using Xunit.Abstractions;

namespace Minnow.Net.Tests.Interop;

/// <summary>
/// The stack against the real Linux stack: a TAP device whose other end sits in a network
/// namespace the test creates, with Python sockets there. Linux's TCP checks everything a peer
/// can get wrong (windows, scaling, sequence space, FIN handling), so agreement here is evidence
/// from an independent implementation.
/// </summary>
[Collection(CpuHeavy.Name)]
public class LinuxTapTests(ITestOutputHelper output)
{
    private static readonly Ipv4Address Ours = new(10, 99, 0, 2);
    private const string LinuxAddress = "10.99.0.1";
    private const int Megabytes = 8;

    // Python inside the namespace: ping us with a raw socket, UDP echo, upload to our server,
    // then serve a download; prints one line per check.
    private const string Script = """
import socket, struct, sys, time
def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return ~s & 0xffff
peer = "10.99.0.2"
pattern = bytes((i * 7 + 3) % 251 for i in range(251)) * 2000
icmp = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP); icmp.settimeout(5)
body = b"echo from linux"
icmp.sendto(struct.pack("!BBHHH", 8, 0, csum(struct.pack("!BBHHH", 8, 0, 0, 7, 1) + body), 7, 1) + body, (peer, 0))
while True:
    reply = icmp.recv(2000)
    if reply[20] == 0: break
print("ping", reply[28:].decode())
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(5)
u.sendto(b"udp hello", (peer, 7)); print("udp", u.recv(100).decode())
t = socket.create_connection((peer, 5001), timeout=20)
total = %MB% << 20; sent = 0; start = time.time()
while sent < total:
    n = min(len(pattern) - sent % 251 - 1, total - sent)
    off = sent % 251
    t.sendall(pattern[off:off + n]); sent += n
t.shutdown(socket.SHUT_WR)
answer = t.recv(100).decode(); t.close()
print("upload", answer, "%.1f MB/s" % (total / 1e6 / (time.time() - start)))
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); srv.bind(("0.0.0.0", 5002)); srv.listen(1); srv.settimeout(20)
print("listening", flush=True)
expected = bytes((i * 13) & 0xff for i in range(256)) * 4098
c, _ = srv.accept(); c.settimeout(20); got = 0; ok = True; start = time.time()
while True:
    b = c.recv(1 << 20)
    if not b: break
    if b != expected[got % 256:got % 256 + len(b)]: ok = False
    got += len(b)
c.sendall(b"%d %s" % (got, b"ok" if ok else b"corrupt")); c.close()
print("download", got, ok, "%.1f MB/s" % (got / 1e6 / (time.time() - start)))
""";

    [TapFact]
    public void TalksToLinuxOverATapDevice()
    {
        string suffix = Environment.ProcessId.ToString();
        using var tap = new TapDevice($"mnwtap{suffix}"[..Math.Min(15, 6 + suffix.Length)], new MacAddress(0x02, 0x4d, 0x4e, 0, 0, 2));
        using var linux = new LinuxNamespace($"mnw-tap-{suffix}", tap.Name, $"{LinuxAddress}/24");
        var iface = new Interface(tap, new InterfaceOptions { Secret = 3 });
        iface.Configure(new Ipv4Cidr(Ours, 24));
        var udp = iface.CreateUdpSocket();
        udp.Bind(7);
        TcpSocket server = iface.CreateTcpSocket();
        server.Listen(5001);
        TcpSocket? client = null;
        long uploaded = 0;
        long expectedIndex = 0;
        bool uploadIntact = true;
        bool answered = false;
        long downloadSent = 0;
        const long DownloadTotal = Megabytes << 20;
        byte[] buffer = new byte[65536];
        byte[] chunk = new byte[65536];
        var lines = new List<string>();

        using Process python = linux.StartPython(Script.Replace("%MB%", Megabytes.ToString()));
        python.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (lines) { lines.Add(e.Data); } } };
        python.BeginOutputReadLine();
        var clock = Stopwatch.StartNew();
        while (!python.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            TimeSpan now = clock.Elapsed;
            bool busy = iface.Poll(now);
            while (udp.TryReceiveFrom(buffer, out int length, out Udp.UdpDatagramInfo from))
            {
                udp.TrySendTo(buffer.AsSpan(0, length), from.Remote);
                busy = true;
            }
            // Upload from Linux: check the pattern as it arrives.
            TcpReceiveStatus status;
            while ((status = server.TryReceive(buffer, out int read)) == TcpReceiveStatus.Ok && read > 0)
            {
                for (int i = 0; i < read; i++, expectedIndex++)
                {
                    if (buffer[i] != (byte)(((expectedIndex % 251) * 7 + 3) % 251))
                    {
                        uploadIntact = false;
                    }
                }
                uploaded += read;
                busy = true;
            }
            if (status == TcpReceiveStatus.EndOfStream && !answered)
            {
                server.TrySend(System.Text.Encoding.ASCII.GetBytes($"got {uploaded} {(uploadIntact ? "intact" : "corrupt")}"), out _);
                server.Close();
                answered = true;
            }
            // Download to Linux, once its server listens.
            bool listening;
            lock (lines)
            {
                listening = lines.Contains("listening");
            }
            if (listening && client is null)
            {
                client = iface.CreateTcpSocket();
                client.Connect(new Ipv4Endpoint(Ipv4Address.Parse(LinuxAddress), 5002));
            }
            if (client is { IsConnected: true } && downloadSent < DownloadTotal)
            {
                int length = (int)Math.Min(chunk.Length, DownloadTotal - downloadSent);
                for (int i = 0; i < length; i++)
                {
                    chunk[i] = (byte)((downloadSent + i) * 13);
                }
                client.TrySend(chunk.AsSpan(0, Math.Min(length, client.SendSpace)), out int written);
                downloadSent += written;
                if (downloadSent == DownloadTotal)
                {
                    client.Close();
                }
                busy |= written > 0;
            }
            if (client is not null)
            {
                while (client.TryReceive(buffer, out int read) == TcpReceiveStatus.Ok && read > 0)
                {
                    busy = true;
                }
            }
            if (!busy)
            {
                Thread.Sleep(0);
            }
        }
        if (!python.HasExited)
        {
            python.Kill(entireProcessTree: true);
        }
        // The parameterless wait also waits for the asynchronous output to drain.
        python.WaitForExit();
        string stderr = python.StandardError.ReadToEnd();
        lock (lines)
        {
            foreach (string line in lines)
            {
                output.WriteLine(line);
            }
        }
        output.WriteLine($"drops: {iface.Drops}; retransmitted {server.RetransmittedSegments} + {client?.RetransmittedSegments}");
        Assert.True(python.HasExited && python.ExitCode == 0, $"python failed ({(python.HasExited ? python.ExitCode : -1)}): {stderr}");
        Assert.Contains("ping echo from linux", lines);
        Assert.Contains("udp udp hello", lines);
        Assert.Contains(lines, l => l.StartsWith($"upload got {Megabytes << 20} intact"));
        Assert.Contains(lines, l => l.StartsWith($"download {Megabytes << 20} True"));
        Assert.True(uploadIntact);
    }
}
