using System.Diagnostics;
using Minnow.Bench.NetThroughput;
using Minnow.Net;
using Minnow.Net.Tcp;

long total = (args.Length > 0 ? long.Parse(args[0]) : 512) << 20;
var toB = new Queue<(byte[], int)>();
var toA = new Queue<(byte[], int)>();
var pool = new Stack<byte[]>();
var a = new Interface(new QueueDevice(new MacAddress(2, 0, 0, 0, 0, 1), toA, toB, pool), new InterfaceOptions { Secret = 1 });
var b = new Interface(new QueueDevice(new MacAddress(2, 0, 0, 0, 0, 2), toB, toA, pool), new InterfaceOptions { Secret = 2 });
a.Configure(new Ipv4Cidr(new Ipv4Address(10, 0, 0, 1), 24));
b.Configure(new Ipv4Cidr(new Ipv4Address(10, 0, 0, 2), 24));
TcpSocket server = b.CreateTcpSocket();
server.Listen(80);
TcpSocket client = a.CreateTcpSocket();
client.Connect(new Ipv4Endpoint(new Ipv4Address(10, 0, 0, 2), 80));

byte[] chunk = new byte[64 * 1024];
byte[] sink = new byte[64 * 1024];
long sent = 0;
long received = 0;
TimeSpan now = TimeSpan.Zero;
var watch = Stopwatch.StartNew();
while (received < total)
{
    if (client.IsConnected && sent < total)
    {
        client.TrySend(chunk.AsSpan(0, (int)Math.Min(chunk.Length, total - sent)), out int written);
        sent += written;
    }
    bool busy = a.Poll(now) | b.Poll(now);
    while (server.TryReceive(sink, out int read) == TcpReceiveStatus.Ok && read > 0)
    {
        received += read;
        busy = true;
    }
    if (!busy)
    {
        // Idle: only a timer (delayed ACK) can move things on, so simulated time jumps to it.
        now = a.NextPollAt() is TimeSpan next && next > now ? next : now + TimeSpan.FromMilliseconds(1);
    }
}
watch.Stop();
Console.WriteLine($"{{\"bench\":\"net-throughput\",\"bytes\":{total},\"seconds\":{watch.Elapsed.TotalSeconds:F3},\"megabytes_per_second\":{total / 1e6 / watch.Elapsed.TotalSeconds:F0},\"drops\":{a.Drops.Total + b.Drops.Total}}}");
return a.Drops.Total + b.Drops.Total == 0 ? 0 : 1;
