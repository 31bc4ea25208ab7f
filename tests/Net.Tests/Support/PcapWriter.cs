using System.Buffers.Binary;

namespace Minnow.Net.Tests.Support;

/// <summary>Writes frames as a classic libpcap file (LINKTYPE_ETHERNET) so tshark can decode what the stack sent.</summary>
public sealed class PcapWriter : IDisposable
{
    private readonly Stream _stream;

    public PcapWriter(Stream stream)
    {
        _stream = stream;
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
        _stream.Write(header);
    }

    public int FramesWritten { get; private set; }

    public void Write(TimeSpan time, ReadOnlySpan<byte> frame)
    {
        Span<byte> record = stackalloc byte[16];
        long micros = time.Ticks / TimeSpan.TicksPerMicrosecond;
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(micros / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(micros % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
        _stream.Write(record);
        _stream.Write(frame);
        FramesWritten++;
    }

    public void Dispose() => _stream.Dispose();
}
