using System.Buffers.Binary;
using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Transport;

/// <summary>Writes RFC 5531 record-marked records: a message split into fragments of at most a given size.</summary>
public static class RecordWriter
{
    /// <summary>Bytes a message writer reserves at its start, so that a one-fragment record goes out in one write.</summary>
    public const int HeaderSize = 4;

    private const uint LastFragmentFlag = 0x8000_0000;

    /// <summary>
    /// Sends the message in <paramref name="message"/>, whose first <see cref="HeaderSize"/> bytes are reserved
    /// for the record mark, as one record. The caller serialises writers of the same stream.
    /// </summary>
    public static async ValueTask WriteAsync(Stream stream, XdrWriter message, int maxFragmentSize, CancellationToken cancellationToken)
    {
        int payloadLength = message.Length - HeaderSize;
        if (!message.HasReferences && payloadLength <= maxFragmentSize)
        {
            message.PatchUInt32(0, LastFragmentFlag | (uint)payloadLength);
            await stream.WriteAsync(message.WrittenMemory, cancellationToken).ConfigureAwait(false);
            return;
        }
        await WritePiecesAsync(stream, message, payloadLength, maxFragmentSize, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A message of several fragments, or with referenced arrays (large opaque data): its pieces
    /// are sent where they lie, cut into fragments, without being copied together first. Record marks and short pieces
    /// (the call's header, padding) are gathered into one small write, so that with TCP_NODELAY
    /// they do not each become a segment of their own.
    /// </summary>
    private static async ValueTask WritePiecesAsync(Stream stream, XdrWriter message, int payloadLength, int maxFragmentSize, CancellationToken cancellationToken)
    {
        List<ReadOnlyMemory<byte>> pieces = message.GetPieces();
        byte[] staging = new byte[GatherLimit + HeaderSize];
        int staged = 0;
        int index = 0;
        ReadOnlyMemory<byte> current = pieces[0][HeaderSize..]; // the record mark's room, reserved first
        int remaining = payloadLength;
        do
        {
            int size = Math.Min(remaining, maxFragmentSize);
            remaining -= size;
            if (staged + HeaderSize > staging.Length)
            {
                await stream.WriteAsync(staging.AsMemory(0, staged), cancellationToken).ConfigureAwait(false);
                staged = 0;
            }
            BinaryPrimitives.WriteUInt32BigEndian(staging.AsSpan(staged), (remaining == 0 ? LastFragmentFlag : 0) | (uint)size);
            staged += HeaderSize;
            while (size > 0)
            {
                while (current.IsEmpty)
                {
                    current = pieces[++index];
                }
                int part = Math.Min(size, current.Length);
                if (part <= staging.Length - staged && part < GatherLimit)
                {
                    current.Span[..part].CopyTo(staging.AsSpan(staged));
                    staged += part;
                }
                else
                {
                    if (staged > 0)
                    {
                        await stream.WriteAsync(staging.AsMemory(0, staged), cancellationToken).ConfigureAwait(false);
                        staged = 0;
                    }
                    await stream.WriteAsync(current[..part], cancellationToken).ConfigureAwait(false);
                }
                current = current[part..];
                size -= part;
            }
        }
        while (remaining > 0);
        if (staged > 0)
        {
            await stream.WriteAsync(staging.AsMemory(0, staged), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Pieces shorter than this are gathered with the record marks rather than written alone.</summary>
    private const int GatherLimit = 4096;
}
