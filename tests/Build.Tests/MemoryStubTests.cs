using Minnow.Build.Stubs.Runtime;
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
    [InlineData(20, 10, 53)]    // backward, a count that is not a multiple of eight
    [InlineData(13, 10, 7)]     // backward, fewer than eight bytes
    [InlineData(100, 3, 150)]   // backward, quadwords and a tail
    [InlineData(3, 100, 150)]   // forward, quadwords and a tail
    [InlineData(9, 8, 17)]      // overlapping by all but one byte, destination above
    [InlineData(8, 9, 17)]
    [InlineData(16, 8, 8)]      // exactly one quadword
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
    [InlineData(3, 0x7, 61)]
    [InlineData(0, 0xFF, 7)]
    [InlineData(1, 0x80, 8)]
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

    // The card-table block ({cards, heap base, heap bytes}) and a two-card heap in emulated memory.
    private const ulong Block = StubEmulator.MemoryBase;
    private const ulong Cards = StubEmulator.MemoryBase + 64;
    private const ulong Heap = StubEmulator.MemoryBase + 1024;
    private const ulong HeapBytes = 1024;
    private const int BarrierMemory = 2048;

    // The barrier's code with the card-table block's address (a linker relocation) filled in.
    private static byte[] Barrier(string name)
    {
        byte[] code = StubObject.BytesOf(name);
        foreach (var relocation in StubObject.RelocationsIn(name).Where(r => r.Symbol.Name == WriteBarrierStubs.CardTableSymbol))
            BitConverter.GetBytes(Block + (ulong)relocation.Addend).CopyTo(code, (int)relocation.Offset);
        return code;
    }

    private static StubEmulator BarrierCpu(bool heapSetUp = true)
    {
        var cpu = new StubEmulator(BarrierMemory);
        if (heapSetUp)
        {
            BitConverter.GetBytes(Cards).CopyTo(cpu.Memory, 0);
            BitConverter.GetBytes(Heap).CopyTo(cpu.Memory, 8);
            BitConverter.GetBytes(HeapBytes).CopyTo(cpu.Memory, 16);
        }
        return cpu;
    }

    private static readonly Register[] s_registers =
        [Register.RAX, Register.RBX, Register.RCX, Register.RDX, Register.RSI, Register.RDI, Register.RBP,
         Register.R8, Register.R9, Register.R10, Register.R11, Register.R12, Register.R13, Register.R14, Register.R15];

    private static void SetDistinctRegisters(StubEmulator cpu)
    {
        for (int r = 0; r < s_registers.Length; r++)
            cpu[s_registers[r]] = 0x5A5A_0000_0000_0000UL + (ulong)r;
    }

    // The JIT keeps values in every register a barrier does not kill.
    private static void AssertPreservedExcept(StubEmulator cpu, params Register[] killed)
    {
        for (int r = 0; r < s_registers.Length; r++)
        {
            if (!killed.Contains(s_registers[r]))
                Assert.True(cpu[s_registers[r]] == 0x5A5A_0000_0000_0000UL + (ulong)r, $"{s_registers[r]} was changed");
        }
    }

    [Fact]
    public void RhpByRefAssignRef_copies_one_reference_advances_rsi_and_rdi_and_dirties_the_card()
    {
        var cpu = BarrierCpu();
        SetDistinctRegisters(cpu);
        BitConverter.GetBytes(0x1122334455667788UL).CopyTo(cpu.Memory, 1800);
        cpu[Register.RSI] = StubEmulator.MemoryBase + 1800;
        cpu[Register.RDI] = Heap + 520;                      // in the heap's second card

        cpu.Call(Barrier("RhpByRefAssignRef"));

        Assert.Equal(0x1122334455667788UL, BitConverter.ToUInt64(cpu.Memory, 1024 + 520));
        Assert.Equal(StubEmulator.MemoryBase + 1808, cpu[Register.RSI]);
        Assert.Equal(Heap + 528, cpu[Register.RDI]);
        Assert.Equal(new byte[] { 0, 1 }, cpu.Memory[64..66]);
        // ilc's code keeps values in r8-r11 across this helper: only rax and rcx are scratch.
        cpu[Register.RSI] = 0x5A5A_0000_0000_0000UL + 4;
        cpu[Register.RDI] = 0x5A5A_0000_0000_0000UL + 5;
        AssertPreservedExcept(cpu, Register.RAX, Register.RCX);
    }

    [Theory]
    [InlineData("RhpAssignRef")]
    [InlineData("RhpCheckedAssignRef")]
    public void Assign_barriers_store_rsi_at_rdi_and_dirty_its_card(string barrier)
    {
        var cpu = BarrierCpu();
        SetDistinctRegisters(cpu);
        cpu[Register.RDI] = Heap + 8;
        cpu[Register.RSI] = 0xCAFE_F00D_0000_1234UL;

        cpu.Call(Barrier(barrier));

        Assert.Equal(0xCAFE_F00D_0000_1234UL, BitConverter.ToUInt64(cpu.Memory, 1024 + 8));
        Assert.Equal(new byte[] { 1, 0 }, cpu.Memory[64..66]);
        Assert.Equal(new byte[1024 - 66], cpu.Memory[66..1024]);
        cpu[Register.RDI] = 0x5A5A_0000_0000_0000UL + 5;
        cpu[Register.RSI] = 0x5A5A_0000_0000_0000UL + 4;
        AssertPreservedExcept(cpu, Register.R10, Register.R11);
    }

    [Theory]
    [InlineData("RhpAssignRef", true)]
    [InlineData("RhpCheckedAssignRef", true)]
    [InlineData("RhpByRefAssignRef", true)]
    [InlineData("RhpAssignRef", false)]
    [InlineData("RhpByRefAssignRef", false)]
    public void A_store_outside_the_heap_or_before_it_exists_dirties_no_card(string barrier, bool heapSetUp)
    {
        var cpu = BarrierCpu(heapSetUp);
        cpu[Register.RDI] = StubEmulator.MemoryBase + 512;   // below the heap (a stack slot, say)
        cpu[Register.RSI] = StubEmulator.MemoryBase + 1800;
        var before = (byte[])cpu.Memory.Clone();

        cpu.Call(Barrier(barrier));

        Assert.Equal(before[64..512], cpu.Memory[64..512]);
        Assert.Equal(before[520..], cpu.Memory[520..]);
    }
}
