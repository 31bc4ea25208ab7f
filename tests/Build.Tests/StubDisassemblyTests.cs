using System.Buffers.Binary;
using Iced.Intel;
using Minnow.Build.Stubs.Kernel;

namespace Minnow.Build.Tests;

/// <summary>
/// What the assembled stubs contain, decoded with Iced: the register contracts ilc and the CPU
/// impose that no C# compiler checks.
/// </summary>
public sealed class StubDisassemblyTests
{
    private static readonly HashSet<int> VectorsWithErrorCode = [8, 10, 11, 12, 13, 14, 17, 21, 29, 30];

    [Fact]
    public void Interface_dispatch_null_checks_this_and_keeps_the_stack_aligned()
    {
        var code = Disassembly.Decode(StubObject.BytesOf("RhpInitialDynamicInterfaceDispatch"));
        var text = Disassembly.Format(code);

        Assert.Equal("cmp byte ptr [rdi],0", text[0]);   // faults here, not in the resolver, on a null 'this'
        var frame = code.First(i => i.Mnemonic == Mnemonic.Sub && i.Op0Register == Register.RSP);
        ulong frameSize = frame.GetImmediate(1);
        Assert.Equal(0UL, (frameSize + 8) % 16);         // the call pushed 8 bytes: calls from here are 16-aligned
        Assert.Contains(code, i => i.Mnemonic == Mnemonic.Add && i.Op0Register == Register.RSP && i.GetImmediate(1) == frameSize);
        Assert.Equal("jmp rax", text[^1]);                // a tail jump: the callee returns to the caller
    }

    [Fact]
    public void Interface_dispatch_preserves_every_argument_register_around_the_resolver()
    {
        var code = Disassembly.Decode(StubObject.BytesOf("RhpInitialDynamicInterfaceDispatch"));
        int call = code.FindIndex(i => i.Mnemonic == Mnemonic.Call);
        var before = code.Take(call).ToList();
        var after = code.Skip(call + 1).ToList();

        foreach (var register in new[] { Register.RDI, Register.RSI, Register.RDX, Register.RCX, Register.R8, Register.R9 })
        {
            Assert.Contains(before, i => i.Mnemonic == Mnemonic.Mov && i.Op0Kind == OpKind.Memory && i.Op1Register == register);
            Assert.Contains(after, i => i.Mnemonic == Mnemonic.Mov && i.Op0Register == register && i.Op1Kind == OpKind.Memory);
        }
        for (var xmm = Register.XMM0; xmm <= Register.XMM7; xmm++)
        {
            Assert.Contains(before, i => i.Op0Kind == OpKind.Memory && i.Op1Register == xmm);
            Assert.Contains(after, i => i.Op0Register == xmm && i.Op1Kind == OpKind.Memory);
        }
        Assert.Contains(before, i => i.Mnemonic == Mnemonic.Mov && i.Op0Register == Register.RSI && i.Op1Register == Register.R11);
        var symbols = StubObject.RelocationsIn("RhpInitialDynamicInterfaceDispatch").Select(r => r.Symbol.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["RhpCidResolve", "minnow_dispatch_cache"], symbols);
    }

    [Fact]
    public void Interface_dispatch_cache_hits_touch_only_scratch_registers()
    {
        var code = Disassembly.Decode(StubObject.BytesOf("RhpInitialDynamicInterfaceDispatch"));
        // The fast path ends at the indirect jump through the cache entry's target.
        int hit = code.FindIndex(i => i.Mnemonic == Mnemonic.Jmp && i.Op0Kind == OpKind.Memory);
        Assert.True(hit > 0, "no jump through a cache entry");
        var written = code.Take(hit).Where(i => i.Op0Kind == OpKind.Register && i.Mnemonic != Mnemonic.Cmp).Select(i => i.Op0Register).Distinct().ToList();
        Assert.All(written, r => Assert.Contains(r, new[] { Register.RAX, Register.R10, Register.R10D, Register.R11 }));
        Assert.Equal(Mnemonic.Cmp, code[0].Mnemonic);   // the null check stays the first instruction (a known fault location)
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(32)]
    [InlineData(47)]
    public void Interrupt_entries_build_one_frame_layout_with_or_without_a_cpu_error_code(int vector)
    {
        var text = Disassembly.Function($"minnow_interrupt_entry_{vector}");

        string[] prologue = VectorsWithErrorCode.Contains(vector) ? [$"push {Hex((ulong)vector)}"] : ["push 0", $"push {Hex((ulong)vector)}"];
        Assert.Equal(prologue, text.Take(prologue.Length));
        Assert.Contains("fxsave64 [rsp]", text);
        Assert.Contains("fxrstor64 [rsp]", text);
        Assert.Contains("cld", text);
        Assert.Equal(["add rsp,10h", "iretq"], text.TakeLast(2));
        int pushes = text.Count(t => t.StartsWith("push r", StringComparison.Ordinal));
        int pops = text.Count(t => t.StartsWith("pop r", StringComparison.Ordinal));
        Assert.Equal(15, pushes);
        Assert.Equal(15, pops);
    }

    [Fact]
    public void Boot_entry_32_builds_page_tables_enters_long_mode_and_far_returns_to_the_64_bit_half()
    {
        var entry = StubObject.Symbol("minnow_pvh_entry32");
        var entry64 = StubObject.Symbol("minnow_pvh_entry64");
        var code = Disassembly.Decode(StubObject.BytesOf("minnow_pvh_entry32"), bitness: 32, address: PvhBootStub.LoadAddress + entry.Value);
        var text = Disassembly.Format(code);

        Assert.Equal(["cli", "cld"], text.Take(2));
        Assert.Contains("mov cr4,eax", text);
        Assert.Contains("mov cr3,eax", text);
        Assert.Contains("wrmsr", text);                  // EFER.LME
        Assert.Contains("mov cr0,eax", text);
        Assert.Contains(code, i => i.Mnemonic == Mnemonic.Lgdt);
        Assert.Equal(["push 8", $"push {Hex(PvhBootStub.LoadAddress + entry64.Value)}", "ret far"], text.TakeLast(3));
        // CR0 gets PG, WP, NE, MP and PE; CR4 gets PAE, OSFXSR and OSXMMEXCPT.
        Assert.Contains(code, i => i.Mnemonic == Mnemonic.Or && (uint)i.GetImmediate(1) == 0x80010023);
        Assert.Contains(code, i => i.Mnemonic == Mnemonic.Or && ((uint)i.GetImmediate(1) & 0x620) == 0x620);
    }

    [Fact]
    public void Boot_gdt_holds_flat_64_bit_code_and_data_descriptors()
    {
        var boot = StubObject.Elf.FindSection(".boot")!;
        var bytes = StubObject.Elf.GetSectionData(boot).Span;
        var gdt = bytes.Slice(0x7E0, 30);

        Assert.Equal(0UL, BinaryPrimitives.ReadUInt64LittleEndian(gdt));
        Assert.Equal(0x00AF9A000000FFFFUL, BinaryPrimitives.ReadUInt64LittleEndian(gdt[8..]));
        Assert.Equal(0x00CF92000000FFFFUL, BinaryPrimitives.ReadUInt64LittleEndian(gdt[16..]));
        Assert.Equal(23, BinaryPrimitives.ReadUInt16LittleEndian(gdt[24..]));
        Assert.Equal(PvhBootStub.LoadAddress + 0x7E0, BinaryPrimitives.ReadUInt32LittleEndian(gdt[26..]));
    }

    [Fact]
    public void Boot_entry_64_loads_the_boot_stack_and_calls_MinnowStart_with_start_info()
    {
        var entry = StubObject.Symbol("minnow_pvh_entry64");
        var code = StubObject.BytesOf("minnow_pvh_entry64");
        var relocations = StubObject.RelocationsIn("minnow_pvh_entry64");

        Assert.Equal("mov ax,10h", Disassembly.Format(Disassembly.Decode(code[..4]))[0]);
        var stack = Assert.Single(relocations, r => r.Symbol.Name == PvhBootStub.StackTopSymbol);
        var start = Assert.Single(relocations, r => r.Symbol.Name == PvhBootStub.EntrySymbol);
        Assert.Contains(relocations, r => r.Symbol.Name == "__minnow_bss_start");
        Assert.Contains(relocations, r => r.Symbol.Name == "__minnow_bss_end");
        Assert.Equal("mov rsp,0", InstructionHoldingField(code, stack.Offset));
        Assert.Equal("mov rax,0", InstructionHoldingField(code, start.Offset));
        Assert.StartsWith("call rax", Disassembly.Format(Disassembly.Decode(code[(int)(start.Offset + 8)..(int)(start.Offset + 10)]))[0]);
        Assert.True(stack.Offset < start.Offset, "the stack must be set before the call");
        Assert.Equal(0x800UL, entry.Value);
    }

    /// <summary>The "mov r64, imm64" whose immediate is the relocated field at <paramref name="offset"/> (placeholder zeroed).</summary>
    private static string InstructionHoldingField(byte[] code, ulong offset)
    {
        var bytes = code[(int)(offset - 2)..(int)(offset + 8)];
        Array.Clear(bytes, 2, 8);
        return Disassembly.Format(Disassembly.Decode(bytes))[0];
    }

    /// <summary>A number as Iced's Intel formatter prints it: decimal below 10, else hex with an h suffix ("0C8h").</summary>
    private static string Hex(ulong value)
    {
        if (value <= 9)
            return value.ToString();
        string hex = value.ToString("X");
        return (char.IsLetter(hex[0]) ? "0" : "") + hex + "h";
    }
}
