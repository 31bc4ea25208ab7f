using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;

namespace Minnow.Rpc.Transport;

/// <summary>
/// Reads RFC 5531 record-marked records (section 11) from a stream: each fragment is a 4-byte
/// big-endian header (top bit: last fragment; low 31 bits: length) and its bytes. Fragment lengths
/// come from the peer, so the buffer grows only as bytes actually arrive and the record size is
/// capped, never allocated up front from a header, except for a first fragment of up to 1 MiB:
/// that gets its room at once (a bounded cost for a lying header, no growth copies for honest ones).
/// </summary>
public sealed class RecordReader
{
    private const uint LastFragmentFlag = 0x8000_0000;
    private const int InitialBufferSize = 4096;
    /// <summary>A first fragment of at most this many bytes gets its room at once (Minnow's and
    /// libtirpc's peers send fragments of up to 1 MiB), with <see cref="TrailingRoom"/> more for
    /// a short last fragment (a 1 MiB copy's reply is 1 MiB and a few header bytes).</summary>
    private const int PresizedFragmentLimit = 1 << 20;
    private const int TrailingRoom = 64 * 1024;

    private readonly Stream _stream;
    private readonly int _maxRecordSize;
    private readonly byte[] _header = new byte[4];

    public RecordReader(Stream stream, int maxRecordSize)
    {
        _stream = stream;
        _maxRecordSize = maxRecordSize;
    }

    public async ValueTask<RecordReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        int length = 0;
        bool firstFragment = true;
        try
        {
            while (true)
            {
                int headerBytes = await _stream.ReadAtLeastAsync(_header, 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (headerBytes < 4)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return firstFragment && headerBytes == 0
                        ? RecordReadResult.Failure(RecordReadStatus.EndOfStream, "the peer closed the connection")
                        : RecordReadResult.Failure(RecordReadStatus.Truncated, "the stream ended inside a record fragment header");
                }
                firstFragment = false;
                uint header = BinaryPrimitives.ReadUInt32BigEndian(_header);
                bool last = (header & LastFragmentFlag) != 0;
                int fragmentLength = (int)(header & ~LastFragmentFlag);
                if ((long)length + fragmentLength > _maxRecordSize)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return RecordReadResult.Failure(RecordReadStatus.TooLarge, $"record of more than {_maxRecordSize} bytes (fragment of {fragmentLength} after {length})");
                }
                int end = length + fragmentLength;
                if (length == 0 && end > buffer.Length && fragmentLength <= PresizedFragmentLimit)
                {
                    // Nothing read yet, so nothing to copy: one read can take the fragment whole. A
                    // lying header costs at most this bounded, pooled buffer.
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)end + TrailingRoom, _maxRecordSize));
                }
                while (length < end)
                {
                    if (length == buffer.Length)
                    {
                        buffer = Grow(buffer, length, end);
                    }
                    int read = await _stream.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, end) - length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return RecordReadResult.Failure(RecordReadStatus.Truncated, $"the stream ended {end - length} bytes before the end of a record fragment");
                    }
                    length += read;
                }
                if (last)
                {
                    return RecordReadResult.Complete(buffer, length);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            SocketError? socketError = (e as SocketException ?? e.InnerException as SocketException)?.SocketErrorCode;
            return RecordReadResult.Failure(RecordReadStatus.Failed, e.Message, socketError);
        }
    }

    // Growing fourfold copies each byte a third of a time on average (doubling: once), which shows
    // on 16 MiB replies; the cap at the fragment's end keeps a lying header from costing more than
    // four times the bytes that really arrived.
    private static byte[] Grow(byte[] buffer, int length, int end)
    {
        int size = (int)Math.Min(Math.Max((long)buffer.Length * 4, InitialBufferSize), end);
        byte[] larger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
