using System.Buffers.Binary;
using Iced.Intel;
using Minnow.Build.Elf;
using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Kernel;

/// <summary>
/// The PVH entry: QEMU's <c>-kernel</c> starts us in 32-bit protected mode, paging off, with the
/// physical address of the hvm_start_info in ebx. This stub identity-maps the low 4 GiB with 2 MiB
/// pages, enables SSE (ilc code uses it everywhere), enters long mode and calls the C# entry
/// <see cref="EntrySymbol"/>(startInfo) on the boot stack. The kernel replaces these page tables later.
/// </summary>
public static class PvhBootStub
{
    public const string EntrySymbol = "MinnowStart";
    public const string StackTopSymbol = "__minnow_boot_stack_top";
    public const string StackGuardSymbol = "__minnow_boot_stack_guard";
    public const ulong StackSize = 512 * 1024;

    /// <summary>The linker script places .boot here, and the page tables right after it.</summary>
    public const uint LoadAddress = 0x100000;
    public const uint BootSectionSize = 0x1000;
    public const uint PageTables = LoadAddress + BootSectionSize;
    public const uint PageTablesSize = 0x6000;  // PML4, PDPT, four page directories
    private const uint GdtOffset = 0x7E0;        // the boot GDT (3 descriptors) and its GDTR
    private const uint GdtrOffset = GdtOffset + 24;
    private const uint Long64Offset = 0x800;     // where the 64-bit half starts inside .boot

    private const uint Pml4 = PageTables;
    private const uint Pdpt = PageTables + 0x1000;
    private const uint FirstPd = PageTables + 0x2000;
    private const ushort CodeSelector = 0x08;
    private const ushort DataSelector = 0x10;

    private const string NoAvxMessage =
        "minnow: PANIC this image is built for x86-64-v3 (AVX2, FMA, BMI2) and the CPU lacks them: " +
        "give QEMU -cpu max (TCG) or -cpu host (KVM), or rebuild with minnow build --isa x86-64-v2\n" +
        "minnow: end-panic\nminnow: exit 250\n";

    /// <param name="requireAvx2">the image's code is x86-64-v3: check for AVX2 before any C# runs.</param>
    public static void Emit(StubObjectBuilder stubs, bool requireAvx2)
    {
        var boot = stubs.AddSection(".boot", ElfSectionKind.Code, 4096);
        stubs.Function(boot, "minnow_pvh_entry32", 32, 1, Emit32, LoadAddress);
        if (boot.Size > GdtOffset)
            throw new InvalidOperationException("the 32-bit boot code outgrew its slot");
        boot.Reserve(GdtOffset - boot.Size);
        var gdt = new byte[Long64Offset - GdtOffset];
        BinaryPrimitives.WriteUInt64LittleEndian(gdt.AsSpan(8), 0x00AF9A000000FFFFUL);    // 64-bit code, DPL 0
        BinaryPrimitives.WriteUInt64LittleEndian(gdt.AsSpan(16), 0x00CF92000000FFFFUL);   // data, DPL 0
        BinaryPrimitives.WriteUInt16LittleEndian(gdt.AsSpan(24), 23);
        BinaryPrimitives.WriteUInt32LittleEndian(gdt.AsSpan(26), LoadAddress + GdtOffset);
        boot.Append(gdt);
        stubs.Function(boot, "minnow_pvh_entry64", 64, 1, a => Emit64(a, stubs, requireAvx2), LoadAddress);
        if (boot.Size > BootSectionSize)
            throw new InvalidOperationException("the boot code outgrew .boot");

        stubs.BssObject(StackGuardSymbol, 4096, 4096);
        ulong bottom = stubs.BssObject("__minnow_boot_stack_bottom", StackSize, 4096);
        stubs.Bss.Define(StackTopSymbol, bottom + StackSize, 0, ElfConstants.SymbolObject);

        PvhNote.Emit(stubs, LoadAddress);
    }

    /// <summary>
    /// Switches AVX state on (CR4.OSXSAVE, XCR0 = x87|SSE|AVX) where the CPU has XSAVE and AVX: code
    /// compiled for x86-64-v3 uses VEX encodings everywhere, from the first C# instruction. Without
    /// them a v3 image reports why on the debug console and COM1 and exits with the panic status.
    /// </summary>
    private static void EnableAvx(Assembler a, bool requireAvx2)
    {
        var done = a.CreateLabel();
        // A v2 image just skips AVX when the CPU lacks it; a v3 image reports and stops.
        var noAvx = requireAvx2 ? a.CreateLabel() : done;
        a.mov(eax, 1);
        a.xor(ecx, ecx);
        a.cpuid();
        a.mov(r13d, ecx);                     // leaf 1 ECX: FMA 12, XSAVE 26, AVX 28
        a.mov(eax, (1 << 26) | (1 << 28));
        a.and(ecx, eax);
        a.cmp(ecx, eax);
        a.jne(noAvx);
        a.mov(rax, cr4);
        a.or(rax, 1 << 18);
        a.mov(cr4, rax);
        a.xor(ecx, ecx);
        a.mov(eax, 7);
        a.xor(edx, edx);
        a.xsetbv();
        if (requireAvx2)
        {
            a.test(r13d, 1 << 12);            // FMA
            a.jz(noAvx);
            a.mov(eax, 7);
            a.xor(ecx, ecx);
            a.cpuid();
            a.mov(eax, (1 << 3) | (1 << 5) | (1 << 8));   // leaf 7 EBX: BMI1, AVX2, BMI2
            a.and(ebx, eax);
            a.cmp(ebx, eax);
            a.jne(noAvx);
            a.jmp(done);
            EmitNoAvxReport(a, noAvx);
        }
        a.Label(ref done);
        a.nop();
    }

    /// <summary>Writes <see cref="NoAvxMessage"/> to the debug console and COM1, then exits with the panic status.</summary>
    private static void EmitNoAvxReport(Assembler a, Label noAvx)
    {
        var next = a.CreateLabel();
        var end = a.CreateLabel();
        var message = a.CreateLabel();
        var halt = a.CreateLabel();
        a.Label(ref noAvx);
        a.lea(rsi, __[message]);
        a.Label(ref next);
        a.lodsb();
        a.test(al, al);
        a.jz(end);
        a.@out(0xE9, al);
        a.mov(dx, 0x3F8);
        a.@out(dx, al);
        a.jmp(next);
        a.Label(ref end);
        a.mov(dx, 0xF4);
        a.mov(eax, 250);
        a.@out(dx, eax);
        a.Label(ref halt);
        a.cli();
        a.hlt();
        a.jmp(halt);
        a.Label(ref message);
        a.db(System.Text.Encoding.ASCII.GetBytes(NoAvxMessage + "\0"));
    }

    private static void Emit32(Assembler a)
    {
        a.cli();
        a.cld();
        // Zero the page tables (ebx holds start_info: keep it).
        a.mov(edi, Pml4);
        a.mov(ecx, PageTablesSize / 4);
        a.xor(eax, eax);
        a.rep.stosd();
        a.mov(__dword_ptr[Pml4], Pdpt | 3);
        for (uint i = 0; i < 4; i++)
            a.mov(__dword_ptr[Pdpt + i * 8], (FirstPd + i * 0x1000) | 3);
        // 2048 entries of 2 MiB, present|writable|huge.
        var fill = a.CreateLabel();
        a.mov(edi, FirstPd);
        a.mov(eax, 0x83);
        a.mov(ecx, 2048);
        a.Label(ref fill);
        a.mov(__dword_ptr[edi], eax);
        a.add(eax, 0x200000);
        a.add(edi, 8);
        a.dec(ecx);
        a.jnz(fill);

        // CR4: PAE | OSFXSR | OSXMMEXCPT. CR3: the PML4. EFER.LME. CR0: PG | WP | NE | MP | PE, EM clear.
        a.mov(eax, cr4);
        a.or(eax, 0x620);
        a.mov(cr4, eax);
        a.mov(eax, Pml4);
        a.mov(cr3, eax);
        a.mov(ecx, 0xC0000080);
        a.rdmsr();
        a.or(eax, 0x100);
        a.wrmsr();
        a.mov(eax, cr0);
        a.and(eax, ~4);
        a.or(eax, unchecked((int)0x80010023));
        a.mov(cr0, eax);

        a.lgdt(__[LoadAddress + GdtrOffset]);
        // Far return into the 64-bit code segment.
        a.push(CodeSelector);
        a.push(LoadAddress + Long64Offset);
        a.retf();
    }

    private static void Emit64(Assembler a, StubObjectBuilder stubs, bool requireAvx2)
    {
        a.mov(ax, DataSelector);
        a.mov(ds, ax);
        a.mov(es, ax);
        a.mov(ss, ax);
        a.xor(eax, eax);
        a.mov(fs, ax);
        a.mov(gs, ax);
        // Zero .bss ourselves rather than trust every loader to (it holds this stack, too).
        a.mov(rdi, stubs.AddressOf("__minnow_bss_start"));
        a.mov(rcx, stubs.AddressOf("__minnow_bss_end"));
        a.sub(rcx, rdi);
        a.xor(eax, eax);
        a.rep.stosb();
        a.mov(r12d, ebx);   // cpuid clobbers ebx; zero-extends the start_info address
        EnableAvx(a, requireAvx2);
        a.mov(edi, r12d);
        a.mov(rsp, stubs.AddressOf(StackTopSymbol));
        a.xor(ebp, ebp);
        a.mov(rax, stubs.AddressOf(EntrySymbol));
        a.call(rax);
        var hang = a.CreateLabel();
        a.Label(ref hang);
        a.cli();
        a.hlt();
        a.jmp(hang);
    }
}
