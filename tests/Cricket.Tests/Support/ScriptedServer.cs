using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Cricket.Tests.Support;

/// <summary>
/// A scripted TCP peer that speaks just enough ONC RPC: it reads each call record (RFC 5531 record
/// marking), and sends back, as one record, whatever the test makes of the call's xid and procedure
/// (null: close the connection).
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Task _loop;

    public ScriptedServer(Func<uint, uint, byte[]?> answer)
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _loop = ServeAsync(answer);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>An accepted reply header (xid, REPLY, MSG_ACCEPTED, AUTH_NONE verifier, SUCCESS) followed by <paramref name="results"/>.</summary>
    public static byte[] AcceptedReply(uint xid, ReadOnlySpan<byte> results)
    {
        var reply = new byte[24 + results.Length];
        BinaryPrimitives.WriteUInt32BigEndian(reply, xid);
        BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(4), 1);
        results.CopyTo(reply.AsSpan(24));
        return reply;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _loop;
    }

    private async Task ServeAsync(Func<uint, uint, byte[]?> answer)
    {
        try
        {
            while (true)
            {
                using Socket connection = await _listener.AcceptAsync();
                while (await ReadRecordAsync(connection) is { } call)
                {
                    uint xid = BinaryPrimitives.ReadUInt32BigEndian(call);
                    uint procedure = BinaryPrimitives.ReadUInt32BigEndian(call.AsSpan(20));
                    byte[]? reply = answer(xid, procedure);
                    if (reply is null)
                    {
                        break;
                    }
                    var record = new byte[4 + reply.Length];
                    BinaryPrimitives.WriteUInt32BigEndian(record, 0x8000_0000u | (uint)reply.Length);
                    reply.CopyTo(record, 4);
                    await connection.SendAsync(record);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private static async Task<byte[]?> ReadRecordAsync(Socket connection)
    {
        var record = new List<byte>();
        var mark = new byte[4];
        while (true)
        {
            if (!await ReadExactlyAsync(connection, mark))
            {
                return null;
            }
            uint header = BinaryPrimitives.ReadUInt32BigEndian(mark);
            var fragment = new byte[header & 0x7fff_ffff];
            if (!await ReadExactlyAsync(connection, fragment))
            {
                return null;
            }
            record.AddRange(fragment);
            if ((header & 0x8000_0000u) != 0)
            {
                return record.ToArray();
            }
        }
    }

    private static async Task<bool> ReadExactlyAsync(Socket connection, byte[] buffer)
    {
        for (int read = 0; read < buffer.Length;)
        {
            int n = await connection.ReceiveAsync(buffer.AsMemory(read));
            if (n == 0)
            {
                return false;
            }
            read += n;
        }
        return true;
    }
}
