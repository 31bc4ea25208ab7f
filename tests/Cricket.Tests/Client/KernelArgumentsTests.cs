using Minnow.Rpc.Cricket;

namespace Cricket.Tests.Client;

public sealed class KernelArgumentsTests
{
    [Fact]
    public void TheBlobIsCountOffsetsThenEightByteSlots()
    {
        byte[] blob = new KernelArguments()
            .Add(1_000_000)                                          // Index1D extent: 4 bytes
            .Add(2.5f)                                               // float: 4 bytes
            .AddArrayView(new DevicePointer(0x7f00_0000_1000), 1_000_000) // ArrayView<float>: 16 bytes
            .Add(new DevicePointer(0x1122_3344_5566_7788))           // raw pointer: 8 bytes
            .ToBlob();

        byte[] expected =
        [
            4, 0, 0, 0, 0, 0, 0, 0,                   // u64 parameter count
            0, 0, 8, 0, 16, 0, 32, 0,                 // u16 offsets 0, 8, 16, 32
            0x40, 0x42, 0x0f, 0x00, 0, 0, 0, 0,       // 1000000, zero-padded to 8
            0x00, 0x00, 0x20, 0x40, 0, 0, 0, 0,       // 2.5f = 0x40200000, zero-padded to 8
            0x00, 0x10, 0x00, 0x00, 0x00, 0x7f, 0, 0, // view pointer
            0x40, 0x42, 0x0f, 0x00, 0, 0, 0, 0,       // view length (elements, 64-bit)
            0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
        ];
        Assert.Equal(expected, blob);
    }

    [Fact]
    public void EveryParameterHasEightReadableBytesWithinTheBlob()
    {
        var arguments = new KernelArguments().Add(7).Add(3u).AddBytes([0xaa, 0xbb, 0xcc]);
        byte[] blob = arguments.ToBlob();
        int n = (int)BitConverter.ToUInt64(blob, 0);
        Assert.Equal(3, n);
        for (int j = 0; j < n; j++)
        {
            int position = 8 + 2 * n + BitConverter.ToUInt16(blob, 8 + 2 * j);
            Assert.True(position + 8 <= blob.Length, $"parameter {j} at {position} has fewer than 8 bytes in a {blob.Length}-byte blob");
            Assert.Equal(0, position % 2); // offsets stay within the parameter area's 8-byte grid
        }
        Assert.Equal(new byte[] { 0xaa, 0xbb, 0xcc, 0, 0, 0, 0, 0 }, blob[^8..]);
    }

    [Fact]
    public void NoParametersIsJustACountOfZero()
    {
        Assert.Equal(new byte[8], new KernelArguments().ToBlob());
    }

    [Fact]
    public void ParametersBeyondSixteenBitOffsetsAreRefused()
    {
        var arguments = new KernelArguments();
        for (int i = 0; i < 8200; i++)
        {
            arguments.Add(i);
        }
        Assert.Throws<InvalidOperationException>(() => arguments.ToBlob());
    }
}
