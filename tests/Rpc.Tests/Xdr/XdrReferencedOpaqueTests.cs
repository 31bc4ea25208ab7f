using Minnow.Rpc.Transport;
using Minnow.Rpc.Xdr;

namespace Rpc.Tests.Xdr;

/// <summary>
/// Large opaque arrays are referenced by the writer, not copied: the bytes must still be exactly
/// what copying would give, contiguous or sent in pieces as record-marked fragments.
/// </summary>
public sealed class XdrReferencedOpaqueTests
{
    private static byte[] Data(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>The message a record transport sends: room for the record mark, a header, the opaque, a trailer.</summary>
    private static XdrWriter Message(byte[] data, bool asArray)
    {
        var writer = new XdrWriter();
        writer.WriteUInt32(0); // the record mark's room
        writer.WriteUInt64(0x0102030405060708);
        if (asArray)
        {
            writer.WriteOpaque(data);
        }
        else
        {
            writer.WriteOpaque(data.AsSpan());
        }
        writer.WriteUInt32(0xCAFEBABE);
        return writer;
    }

    [Theory]
    [InlineData(XdrWriter.ReferenceThreshold - 1)]
    [InlineData(XdrWriter.ReferenceThreshold)]
    [InlineData(XdrWriter.ReferenceThreshold + 3)] // padding after a referenced array
    [InlineData(1 << 20)]
    public void AReferencedArrayEncodesExactlyAsACopiedOne(int length)
    {
        byte[] data = Data(length, length);
        XdrWriter referenced = Message(data, asArray: true);
        XdrWriter copied = Message(data, asArray: false);
        Assert.Equal(length >= XdrWriter.ReferenceThreshold, referenced.HasReferences);
        Assert.Equal(copied.Length, referenced.Length);
        Assert.Equal(copied.WrittenSpan.ToArray(), referenced.WrittenSpan.ToArray());
    }

    [Fact]
    public void TheArrayIsReferencedNotCopied()
    {
        byte[] data = Data(XdrWriter.ReferenceThreshold, 1);
        XdrWriter writer = Message(data, asArray: true);
        data[100] ^= 0xFF; // a change before sending shows: the writer holds the array itself
        List<ReadOnlyMemory<byte>> pieces = writer.GetPieces();
        Assert.Equal(3, pieces.Count);
        Assert.Equal(data[100], pieces[1].Span[100]);
        Assert.Equal(writer.Length, pieces.Sum(p => p.Length));
    }

    [Theory]
    [InlineData(1 << 20)]      // one fragment
    [InlineData(100_000)]      // fragments that end inside the array and inside the buffer
    [InlineData(4096)]
    public async Task RecordsWithReferencedArraysReadBackIntact(int maxFragmentSize)
    {
        byte[] first = Data(300_000, 2), second = Data(XdrWriter.ReferenceThreshold + 1, 3);
        var writer = new XdrWriter();
        writer.WriteUInt32(0);
        writer.WriteOpaque(first);
        writer.WriteString("between");
        writer.WriteOpaque(second);
        writer.WriteInt32(-7);
        byte[] expected = writer.GetPieces().SelectMany(p => p.ToArray()).Skip(RecordWriter.HeaderSize).ToArray();

        var stream = new MemoryStream();
        await RecordWriter.WriteAsync(stream, writer, maxFragmentSize, default);
        stream.Position = 0;
        RecordReadResult record = await new RecordReader(stream, 1 << 24).ReadAsync(default);
        Assert.Equal(RecordReadStatus.Record, record.Status);
        Assert.Equal(expected, record.Span.ToArray());
        var reader = new XdrReader(record.Span);
        Assert.Equal(first, reader.ReadOpaque());
        Assert.Equal("between", reader.ReadString());
        Assert.Equal(second, reader.ReadOpaque());
        Assert.Equal(-7, reader.ReadInt32());
        reader.ExpectEnd();
        Assert.False(reader.HasError);
        record.ReturnBuffer();
        // Fragments: as many as the size says, each within it.
        Assert.Equal(expected.Length + 4 * ((expected.Length + maxFragmentSize - 1) / maxFragmentSize), stream.Length);
    }

    [Fact]
    public void ResetForgetsReferencedArrays()
    {
        XdrWriter writer = Message(Data(XdrWriter.ReferenceThreshold, 4), asArray: true);
        writer.Reset();
        Assert.False(writer.HasReferences);
        Assert.Equal(0, writer.Length);
        writer.WriteUInt32(5);
        Assert.Equal(new byte[] { 0, 0, 0, 5 }, writer.WrittenSpan.ToArray());
    }
}
