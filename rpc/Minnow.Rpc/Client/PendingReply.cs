using System.Buffers;

namespace Minnow.Rpc.Client;

/// <summary>What a <see cref="PendingCall"/> ends with: a reply message (in a pooled buffer) or an error.</summary>
internal readonly struct PendingReply
{
    private PendingReply(byte[]? buffer, int length, bool pooled, RpcError? error)
    {
        Buffer = buffer;
        Length = length;
        Pooled = pooled;
        Error = error;
    }

    public byte[]? Buffer { get; }

    public int Length { get; }

    public bool Pooled { get; }

    public RpcError? Error { get; }

    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public static PendingReply Received(byte[] buffer, int length, bool pooled) => new(buffer, length, pooled, null);

    public static PendingReply Failed(RpcError error) => new(null, 0, false, error);

    public void Release()
    {
        if (Pooled && Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
