// Sockets without a network (an image booted with no NIC): every socket type fails cleanly with
// SocketException AddressFamilyNotSupported, socket addresses still serialise to the Linux sockaddr
// bytes, and the whole sync/async API surface (Exercise, never run here) compiles and links.
using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

static class Program
{
    static int Main(string[] args)
    {
        try
        {
            using var client = new TcpClient();
            Console.WriteLine("FAIL: TcpClient created without a network");
            return 1;
        }
        catch (SocketException e)
        {
            Console.WriteLine($"TcpClient: SocketException {e.SocketErrorCode}");
            if (e.SocketErrorCode != SocketError.AddressFamilyNotSupported)
                return 2;
        }
        try
        {
            using var udp = new UdpClient();
            return 3;
        }
        catch (SocketException e)
        {
            Console.WriteLine($"UdpClient: SocketException {e.SocketErrorCode}");
        }
        try
        {
            var listener = new TcpListener(IPAddress.Any, 5000);
            listener.Start();
            return 4;
        }
        catch (SocketException e)
        {
            Console.WriteLine($"TcpListener: SocketException {e.SocketErrorCode}");
        }
        Console.WriteLine($"OSSupportsIPv4={Socket.OSSupportsIPv4} OSSupportsIPv6={Socket.OSSupportsIPv6}");
        var ep = new IPEndPoint(IPAddress.Parse("10.0.2.2"), 8080);
        Console.WriteLine($"endpoint {ep} serialized {ep.Serialize()}");
        if (args.Length > 0)
            Exercise(args[0]).GetAwaiter().GetResult();
        Console.WriteLine("sockets-nonet: ok");
        return 0;
    }

    // Never run without a network: here so every API the brief lists is compiled in and links.
    static async Task Exercise(string host)
    {
        var listener = new TcpListener(IPAddress.Any, 5000);
        listener.Start();
        var acceptTask = listener.AcceptTcpClientAsync();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Parse(host), 5000);
        using var server = await acceptTask;
        NetworkStream s = client.GetStream();
        await s.WriteAsync(new byte[10]);
        s.Write(new byte[10]);
        byte[] buffer = new byte[20];
        int n = await server.GetStream().ReadAsync(buffer);
        n += server.GetStream().Read(buffer, 0, buffer.Length);
        s.ReadTimeout = 1000;
        Console.WriteLine(n + " " + client.Available + " " + s.DataAvailable + " " + client.Client.RemoteEndPoint + " " + client.Client.LocalEndPoint);
        using var sync = new TcpClient(host, 5000);
        using var accepted = listener.AcceptTcpClient();
        listener.Stop();

        using var udp = new UdpClient(6000);
        udp.Send(new byte[4], 4, new IPEndPoint(IPAddress.Parse(host), 6000));
        IPEndPoint? from = null;
        udp.Receive(ref from);
        await udp.SendAsync(new byte[4], 4, new IPEndPoint(IPAddress.Parse(host), 6000));
        UdpReceiveResult r = await udp.ReceiveAsync();
        Console.WriteLine(r.RemoteEndPoint);

        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        raw.NoDelay = true;
        raw.LingerState = new LingerOption(true, 0);
        raw.Blocking = false;
        try { raw.Connect(IPAddress.Parse(host), 5001); } catch (SocketException) { }
        raw.Poll(1000, SelectMode.SelectWrite);
        raw.Disconnect(false);
        raw.Shutdown(SocketShutdown.Both);
    }
}
