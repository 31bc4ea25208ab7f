using System.Buffers;
using System.Net.Sockets;

namespace Minnow.Rpc.Transport;

/// <summary>
/// One read of a record-marked stream: a record in a buffer rented from <see cref="ArrayPool{T}.Shared"/>
/// (hand it back with <see cref="ReturnBuffer"/>), or why there is none.
/// </summary>
public readonly struct RecordReadResult
{
    private RecordReadResult(RecordReadStatus status, byte[]? buffer, int length, string? detail, SocketError? socketError)
    {
        Status = status;
        Buffer = buffer;
        Length = length;
        Detail = detail;
        SocketError = socketError;
    }

    public RecordReadStatus Status { get; }

    public byte[]? Buffer { get; }

    public int Length { get; }

    public string? Detail { get; }

    public SocketError? SocketError { get; }

    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public static RecordReadResult Complete(byte[] buffer, int length) => new(RecordReadStatus.Record, buffer, length, null, null);

    public static RecordReadResult Failure(RecordReadStatus status, string detail, SocketError? socketError = null)
        => new(status, null, 0, detail, socketError);

    public void ReturnBuffer()
    {
        if (Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
