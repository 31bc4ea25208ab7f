// The image side of the socket tests, written against stock System.Net.Sockets only, so the same
// program runs on Linux. Data is a fixed pattern (byte i = (i * 13 + 7) mod 251) that the other side
// checks byte for byte. Modes (HOST is an IPv4 literal):
//   tcp-upload HOST PORT BYTES [async]   connect, send BYTES, half-close, print the peer's answer
//   tcp-download HOST PORT [async]       connect, read to EOF, check every byte
//   tcp-serve PORT BYTES                 accept one client, read to EOF checking bytes, then send
//                                        BYTES of pattern back and close
//   udp-echo PORT IDLE                   echo datagrams back to their senders until none came for
//                                        IDLE seconds (after the first one)
//   udp-burst HOST PORT COUNT            send COUNT numbered 32-byte datagrams back to back (more
//                                        than the NIC's transmit ring holds), print how many Send took
using System.Net;
using System.Net.Sockets;
using System.Text;

string mode = args.Length > 0 ? args[0] : "";
try
{
    return mode switch
    {
        "tcp-upload" => await Upload(IPAddress.Parse(args[1]), int.Parse(args[2]), long.Parse(args[3]), args.Length > 4 && args[4] == "async"),
        "tcp-download" => await Download(IPAddress.Parse(args[1]), int.Parse(args[2]), args.Length > 3 && args[3] == "async"),
        "tcp-serve" => Serve(int.Parse(args[1]), long.Parse(args[2])),
        "udp-echo" => Echo(int.Parse(args[1]), int.Parse(args[2])),
        "udp-burst" => Burst(IPAddress.Parse(args[1]), int.Parse(args[2]), int.Parse(args[3])),
        _ => Usage(),
    };
}
catch (SocketException e)
{
    Console.WriteLine($"socket error {e.SocketErrorCode}: {e.Message}");
    return 3;
}

static byte Pattern(long i) => (byte)((i * 13 + 7) % 251);

static void Fill(Span<byte> buffer, long offset)
{
    for (int i = 0; i < buffer.Length; i++)
        buffer[i] = Pattern(offset + i);
}

static long CheckedCount(ReadOnlySpan<byte> data, long offset)
{
    for (int i = 0; i < data.Length; i++)
        if (data[i] != Pattern(offset + i))
            return offset + i;
    return -1;
}

static async Task<int> Upload(IPAddress host, int port, long total, bool useAsync)
{
    using var client = new TcpClient();
    if (useAsync)
        await client.ConnectAsync(host, port);
    else
        client.Connect(host, port);
    Console.WriteLine($"connected to {client.Client.RemoteEndPoint} from {client.Client.LocalEndPoint}");
    var stream = client.GetStream();
    var buffer = new byte[64 * 1024];
    long sent = 0;
    while (sent < total)
    {
        int n = (int)Math.Min(buffer.Length, total - sent);
        Fill(buffer.AsSpan(0, n), sent);
        if (useAsync)
            await stream.WriteAsync(buffer.AsMemory(0, n));
        else
            stream.Write(buffer, 0, n);
        sent += n;
    }
    client.Client.Shutdown(SocketShutdown.Send);
    var answer = new StringBuilder();
    int read;
    while ((read = useAsync ? await stream.ReadAsync(buffer) : stream.Read(buffer)) > 0)
        answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
    Console.WriteLine($"sent {sent}; peer says: {answer}");
    return answer.ToString() == $"{sent} ok" ? 0 : 1;
}

static async Task<int> Download(IPAddress host, int port, bool useAsync)
{
    using var client = new TcpClient();
    if (useAsync)
        await client.ConnectAsync(host, port);
    else
        client.Connect(host, port);
    var stream = client.GetStream();
    var buffer = new byte[64 * 1024];
    long received = 0, firstBad = -1;
    int read;
    while ((read = useAsync ? await stream.ReadAsync(buffer) : stream.Read(buffer)) > 0)
    {
        long bad = CheckedCount(buffer.AsSpan(0, read), received);
        if (bad >= 0 && firstBad < 0)
            firstBad = bad;
        received += read;
    }
    Console.WriteLine(firstBad < 0 ? $"received {received} intact" : $"received {received}, first bad byte at {firstBad}");
    return firstBad < 0 ? 0 : 1;
}

static int Serve(int port, long reply)
{
    var listener = new TcpListener(IPAddress.Any, port);
    listener.Start();
    Console.WriteLine($"listening on {listener.LocalEndpoint}");
    using var client = listener.AcceptTcpClient();
    var stream = client.GetStream();
    var buffer = new byte[64 * 1024];
    long received = 0, firstBad = -1;
    int read;
    while ((read = stream.Read(buffer)) > 0)
    {
        long bad = CheckedCount(buffer.AsSpan(0, read), received);
        if (bad >= 0 && firstBad < 0)
            firstBad = bad;
        received += read;
    }
    long sent = 0;
    while (sent < reply)
    {
        int n = (int)Math.Min(buffer.Length, reply - sent);
        Fill(buffer.AsSpan(0, n), sent);
        stream.Write(buffer, 0, n);
        sent += n;
    }
    client.Client.Shutdown(SocketShutdown.Send);
    listener.Stop();
    Console.WriteLine(firstBad < 0 ? $"received {received} intact; sent {sent}" : $"received {received}, first bad byte at {firstBad}");
    return firstBad < 0 ? 0 : 1;
}

static int Echo(int port, int idleSeconds)
{
    using var udp = new UdpClient(port);
    Console.WriteLine($"echoing on {udp.Client.LocalEndPoint}");
    var remote = new IPEndPoint(IPAddress.Any, 0);
    int echoed = 0;
    while (true)
    {
        // Wait without limit for the first datagram, then until the sender has been quiet a while.
        udp.Client.ReceiveTimeout = echoed == 0 ? 0 : idleSeconds * 1000;
        byte[] data;
        try
        {
            data = udp.Receive(ref remote);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            break;
        }
        udp.Send(data, data.Length, remote);
        echoed++;
    }
    Console.WriteLine($"echoed {echoed}");
    return 0;
}

static int Burst(IPAddress host, int port, int count)
{
    using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    udp.Connect(new IPEndPoint(host, port));
    byte[] datagram = new byte[32];
    int sent = 0;
    for (int i = 0; i < count; i++)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(datagram, i);
        Fill(datagram.AsSpan(4), i);
        if (udp.Send(datagram) == datagram.Length)
            sent++;
    }
    Console.WriteLine($"burst sent {sent} of {count}");
    return sent == count ? 0 : 1;
}

static int Usage()
{
    Console.WriteLine("usage: tcp-upload HOST PORT BYTES [async] | tcp-download HOST PORT [async] | tcp-serve PORT BYTES | udp-echo PORT IDLE");
    return 2;
}
