using Iced.Intel;

namespace Minnow.Build.Tests;

/// <summary>
/// memmove, memset and the write barriers, executed on <see cref="StubEmulator"/>: CoreLib relies on
/// memmove for overlapping copies, and the JIT relies on RhpByRefAssignRef advancing rsi and rdi.
/// </summary>
public sealed class MemoryStubTests
{
    private const int Size = 256;

    [Theory]
    [InlineData(0, 128, 64)]    // apart
    [InlineData(128, 0, 64)]    // apart, destination above
    [InlineData(10, 20, 50)]    // overlapping, destination below the source: copies forward
    [InlineData(20, 10, 50)]    // overlapping, destination above the source: must copy backward
    [InlineData(11, 10, 200)]   // overlapping by all but one byte
    [InlineData(30, 30, 40)]    // the same block
    [InlineData(5, 100, 0)]     // nothing
    [InlineData(0, 1, 255)]
    public void Memmove_copies_like_memmove_even_when_blocks_overlap(int destination, int source, int count)
    {
        var cpu = new StubEmulator(Size);
        for (int i = 0; i < Size; i++)
            cpu.Memory[i] = (byte)(i * 7 + 3);
        var expected = (byte[])cpu.Memory.Clone();
        Buffer.BlockCopy(expected, source, expected, destination, count);   // has memmove semantics
        cpu[Register.RDI] = StubEmulator.MemoryBase + (ulong)destination;
        cpu[Register.RSI] = StubEmulator.MemoryBase + (ulong)source;
        cpu[Register.RDX] = (ulong)count;

        ulong result = cpu.Call(StubObject.BytesOf("memmove"));

        Assert.Equal(expected, cpu.Memory);
        Assert.Equal(StubEmulator.MemoryBase + (ulong)destination, result);
        Assert.False(cpu.DirectionFlag, "memmove must leave the direction flag clear (the SysV ABI requires it)");
    }

    [Theory]
    [InlineData(0, 0xAB, 256)]
    [InlineData(17, 0x1FF, 33)]   // only the low byte of the value counts
    [InlineData(40, 0, 0)]
    public void Memset_fills_and_returns_the_destination(int destination, int value, int count)
    {
        var cpu = new StubEmulator(Size);
        Array.Fill(cpu.Memory, (byte)0x5A);
        var expected = (byte[])cpu.Memory.Clone();
        Array.Fill(expected, (byte)value, destination, count);
        cpu[Register.RDI] = StubEmulator.MemoryBase + (ulong)destination;
        cpu[Register.RSI] = 0xFFFF_FFFF_0000_0000UL | (uint)value;
        cpu[Register.RDX] = (ulong)count;

        ulong result = cpu.Call(StubObject.BytesOf("memset"));

        Assert.Equal(expected, cpu.Memory);
        Assert.Equal(StubEmulator.MemoryBase + (ulong)destination, result);
    }

    [Fact]
    public void RhpByRefAssignRef_copies_one_reference_and_advances_rsi_and_rdi()
    {
        var cpu = new StubEmulator(Size);
        BitConverter.GetBytes(0x1122334455667788UL).CopyTo(cpu.Memory, 64);
        cpu[Register.RSI] = StubEmulator.MemoryBase + 64;
        cpu[Register.RDI] = StubEmulator.MemoryBase + 128;

        cpu.Call(StubObject.BytesOf("RhpByRefAssignRef"));

        Assert.Equal(0x1122334455667788UL, BitConverter.ToUInt64(cpu.Memory, 128));
        Assert.Equal(StubEmulator.MemoryBase + 72, cpu[Register.RSI]);
        Assert.Equal(StubEmulator.MemoryBase + 136, cpu[Register.RDI]);
    }

    [Theory]
    [InlineData("RhpAssignRef")]
    [InlineData("RhpCheckedAssignRef")]
    public void Assign_barriers_store_rsi_at_rdi(string barrier)
    {
        var cpu = new StubEmulator(Size);
        cpu[Register.RDI] = StubEmulator.MemoryBase + 8;
        cpu[Register.RSI] = 0xCAFE_F00D_0000_1234UL;

        cpu.Call(StubObject.BytesOf(barrier));

        Assert.Equal(0xCAFE_F00D_0000_1234UL, BitConverter.ToUInt64(cpu.Memory, 8));
        Assert.Equal(new byte[8], cpu.Memory[..8]);
        Assert.Equal(new byte[Size - 16], cpu.Memory[16..]);
    }
}
