// Network benchmark, guest side: the same program runs as a Minnow image and as a stock NativeAOT
// Linux binary (bench/linux-guest/net-linux) in a Linux guest on the same QEMU, same NIC, same
// host-side peer (bench/net_peer.py), which does the timing: both guests are measured by one clock.
//
//   net-bench HOST BASEPORT TCP_MIB UDP_COUNT UDP_SIZE
//
// Phases, in order, each against the peer at HOST:
//   BASEPORT+0  TCP image->host: send TCP_MIB MiB of the pattern, shut down sending, read the peer's
//               8-byte count of what it received intact.
//   BASEPORT+1  TCP host->image: read to end of stream, check every byte against the pattern,
//               reply with the 8-byte count of intact bytes.
//   BASEPORT+2  UDP image->host: UDP_COUNT datagrams of UDP_SIZE bytes, each starting with its
//               sequence number, as fast as Send returns; then BASEPORT+3 (TCP) gets "sent N".
//   BASEPORT+4  hold: connect and wait until the peer closes (it pings this guest meanwhile).
// Each phase prints one JSON line (what the guest saw); the exit status is 0 only when every byte
// arrived intact both ways.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetBench;

public static class Program
{
    const int ChunkBytes = 64 * 1024;

    public static int Main(string[] args)
    {
        if (args.Length != 5 || !IPAddress.TryParse(args[0], out IPAddress? host)
            || !int.TryParse(args[1], out int basePort) || !long.TryParse(args[2], out long tcpMiB)
            || !int.TryParse(args[3], out int udpCount) || !int.TryParse(args[4], out int udpSize) || udpSize < 4)
        {
            Console.Error.WriteLine("usage: net-bench HOST BASEPORT TCP_MIB UDP_COUNT UDP_SIZE (UDP_SIZE >= 4)");
            return 2;
        }
        long total = tcpMiB << 20;
        try
        {
            bool ok = TcpSend(new IPEndPoint(host, basePort), total);
            ok &= TcpReceive(new IPEndPoint(host, basePort + 1), total);
            UdpSend(new IPEndPoint(host, basePort + 2), new IPEndPoint(host, basePort + 3), udpCount, udpSize);
            Hold(new IPEndPoint(host, basePort + 4));
            return ok ? 0 : 1;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            Console.WriteLine($"{{\"bench\":\"error\",\"message\":\"{e.GetType().Name}: {e.Message}\"}}");
            return 1;
        }
    }

    /// <summary>The byte at stream offset <paramref name="offset"/>: a 251-byte cycle (prime, so it
    /// never lines up with segment sizes) from the start of each 64 KiB block, plus the block number,
    /// so that a duplicated, dropped or reordered block shows; it repeats every 256 blocks.</summary>
    static byte PatternAt(long offset) => (byte)(offset % ChunkBytes % 251 + (offset >> 16));

    static void FillPattern(Span<byte> buffer, long offset)
    {
        for (int i = 0; i < buffer.Length; i++)
            buffer[i] = PatternAt(offset + i);
    }

    static Socket Connect(IPEndPoint peer)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.ReceiveTimeout = 60_000;
        socket.SendTimeout = 60_000;
        socket.Connect(peer);
        return socket;
    }

    /// <summary>The pattern's 64 KiB blocks: it repeats with the block number mod 256, so both loops
    /// compare or send precomputed memory and measure the network path, not pattern generation.</summary>
    static readonly byte[][] s_blocks = MakeBlocks();

    static byte[][] MakeBlocks()
    {
        byte[][] blocks = new byte[256][];
        for (int b = 0; b < blocks.Length; b++)
        {
            blocks[b] = new byte[ChunkBytes];
            FillPattern(blocks[b], (long)b * ChunkBytes);
        }
        return blocks;
    }

    static bool TcpSend(IPEndPoint peer, long total)
    {
        var watch = Stopwatch.StartNew();
        using Socket socket = Connect(peer);
        long sent = 0;
        while (sent < total)
        {
            byte[] block = s_blocks[(sent / ChunkBytes) % 256];
            int n = (int)Math.Min(ChunkBytes, total - sent);
            socket.Send(block, 0, n, SocketFlags.None);
            sent += n;
        }
        socket.Shutdown(SocketShutdown.Send);
        long confirmed = ReadCount(socket);
        watch.Stop();
        Report("tcp-send", total, confirmed, watch.Elapsed.TotalSeconds);
        return confirmed == total;
    }

    /// <summary>How many bytes of <paramref name="data"/>, found at stream offset
    /// <paramref name="offset"/>, match the pattern.</summary>
    static long CountIntact(ReadOnlySpan<byte> data, long offset)
    {
        long intact = 0;
        while (data.Length > 0)
        {
            int within = (int)(offset % ChunkBytes);
            int n = Math.Min(data.Length, ChunkBytes - within);
            ReadOnlySpan<byte> expected = s_blocks[(offset / ChunkBytes) % 256].AsSpan(within, n);
            if (data[..n].SequenceEqual(expected))
                intact += n;
            else
            {
                for (int i = 0; i < n; i++)
                    intact += data[i] == expected[i] ? 1 : 0;
            }
            data = data[n..];
            offset += n;
        }
        return intact;
    }

    static bool TcpReceive(IPEndPoint peer, long total)
    {
        using Socket socket = Connect(peer);
        byte[] buffer = new byte[ChunkBytes];
        long received = 0;
        long intact = 0;
        var watch = Stopwatch.StartNew();
        int n;
        while ((n = socket.Receive(buffer)) > 0)
        {
            intact += CountIntact(buffer.AsSpan(0, n), received);
            received += n;
        }
        watch.Stop();
        Span<byte> reply = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(reply, intact);
        socket.Send(reply);
        socket.Shutdown(SocketShutdown.Both);
        Report("tcp-receive", total, intact, watch.Elapsed.TotalSeconds);
        return intact == total && received == total;
    }

    static void UdpSend(IPEndPoint sink, IPEndPoint control, int count, int size)
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Connect(sink);
        byte[] datagram = new byte[size];
        int sent = 0;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(datagram, i);
            // A full transmit queue is an error on some stacks (ENOBUFS): that datagram is lost,
            // as it would be on the wire, and the peer's count shows it.
            if (udp.Send(datagram, SocketFlags.None, out SocketError error) == size && error == SocketError.Success)
                sent++;
        }
        watch.Stop();
        using Socket socket = Connect(control);
        socket.Send(Encoding.ASCII.GetBytes($"sent {sent}\n"));
        socket.Shutdown(SocketShutdown.Send);
        socket.Receive(new byte[16]);
        double seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"{{\"bench\":\"udp-send\",\"datagrams\":{count},\"sent\":{sent},\"size\":{size},\"seconds\":{seconds:F4},\"sent_per_s\":{sent / seconds:F0}}}");
    }

    static void Hold(IPEndPoint peer)
    {
        using Socket socket = Connect(peer);
        socket.ReceiveTimeout = 120_000;
        while (socket.Receive(new byte[16]) > 0)
        {
        }
        Console.WriteLine("{\"bench\":\"hold\"}");
    }

    static long ReadCount(Socket socket)
    {
        byte[] reply = new byte[8];
        int have = 0;
        while (have < reply.Length)
        {
            int n = socket.Receive(reply, have, reply.Length - have, SocketFlags.None);
            if (n == 0)
                throw new IOException($"the peer closed after {have} of 8 reply bytes");
            have += n;
        }
        return BinaryPrimitives.ReadInt64BigEndian(reply);
    }

    static void Report(string bench, long total, long intact, double seconds) =>
        Console.WriteLine($"{{\"bench\":\"{bench}\",\"bytes\":{total},\"intact\":{intact},\"seconds\":{seconds:F4},\"megabytes_per_s\":{total / 1e6 / seconds:F2}}}");
}
