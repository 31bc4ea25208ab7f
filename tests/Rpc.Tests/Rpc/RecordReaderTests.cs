using System.Buffers.Binary;
using Minnow.Rpc.Transport;

namespace Rpc.Tests.Rpc;

/// <summary>What a record's fragment headers may make the reader allocate, and that records read back whole.</summary>
public sealed class RecordReaderTests
{
    private static MemoryStream Stream(params (uint Header, int Bytes)[] fragments)
    {
        var stream = new MemoryStream();
        byte[] header = new byte[4];
        foreach (var (value, bytes) in fragments)
        {
            BinaryPrimitives.WriteUInt32BigEndian(header, value);
            stream.Write(header);
            stream.Write(Enumerable.Range(0, bytes).Select(i => (byte)i).ToArray());
        }
        stream.Position = 0;
        return stream;
    }

    private static async Task<(RecordReadResult Result, long Allocated)> Read(MemoryStream stream, int maxRecord)
    {
        var reader = new RecordReader(stream, maxRecord);
        long before = GC.GetAllocatedBytesForCurrentThread();
        RecordReadResult result = await reader.ReadAsync(default);
        return (result, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task AOneMebibyteFragmentAndAShortLastOneReadBackWhole()
    {
        var (result, _) = await Read(Stream((1 << 20, 1 << 20), (0x8000_0000u | 40, 40)), 4 << 20);
        Assert.Equal(RecordReadStatus.Record, result.Status);
        Assert.Equal((1 << 20) + 40, result.Length);
        Assert.Equal((byte)39, result.Span[^1]);
        Assert.Equal((byte)((1 << 20) - 1 & 0xFF), result.Span[(1 << 20) - 1]);
        result.ReturnBuffer();
    }

    [Fact]
    public async Task ALyingFirstFragmentCostsAtMostItsBoundedRoom()
    {
        // Claims 1 MiB, sends 10 bytes: a clear error; the room taken at once is bounded.
        var (result, allocated) = await Read(Stream((0x8000_0000u | (1 << 20), 10)), 64 << 20);
        Assert.Equal(RecordReadStatus.Truncated, result.Status);
        Assert.True(allocated < (3 << 20), $"{allocated} bytes allocated");

        // Claims 48 MiB (past the presized bound), sends 10 bytes: it grows only with what arrives.
        (result, allocated) = await Read(Stream((0x8000_0000u | (48 << 20), 10)), 64 << 20);
        Assert.Equal(RecordReadStatus.Truncated, result.Status);
        Assert.True(allocated < (1 << 20), $"{allocated} bytes allocated");
    }
}
