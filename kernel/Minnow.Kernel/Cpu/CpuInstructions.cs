using System.Runtime.InteropServices;

namespace Minnow.Kernel.Cpu;

/// <summary>
/// Privileged instructions, implemented as machine-code stubs the toolchain generates with Iced
/// (build/Minnow.Build/Stubs/Kernel/CpuInstructionStubs.cs). "minnow" is bound statically
/// (ilc --directpinvoke:minnow); no GC transition is needed around a few instructions.
/// </summary>
internal static unsafe class CpuInstructions
{
    private const string Stubs = "minnow";

    [DllImport(Stubs, EntryPoint = "minnow_inb"), SuppressGCTransition] public static extern byte InByte(ushort port);
    [DllImport(Stubs, EntryPoint = "minnow_inw"), SuppressGCTransition] public static extern ushort InWord(ushort port);
    [DllImport(Stubs, EntryPoint = "minnow_inl"), SuppressGCTransition] public static extern uint InDword(ushort port);
    [DllImport(Stubs, EntryPoint = "minnow_outb"), SuppressGCTransition] public static extern void OutByte(ushort port, byte value);
    [DllImport(Stubs, EntryPoint = "minnow_outw"), SuppressGCTransition] public static extern void OutWord(ushort port, ushort value);
    [DllImport(Stubs, EntryPoint = "minnow_outl"), SuppressGCTransition] public static extern void OutDword(ushort port, uint value);

    [DllImport(Stubs, EntryPoint = "minnow_read_cr0"), SuppressGCTransition] public static extern ulong ReadCr0();
    [DllImport(Stubs, EntryPoint = "minnow_read_cr2"), SuppressGCTransition] public static extern ulong ReadCr2();
    [DllImport(Stubs, EntryPoint = "minnow_read_cr3"), SuppressGCTransition] public static extern ulong ReadCr3();
    [DllImport(Stubs, EntryPoint = "minnow_read_cr4"), SuppressGCTransition] public static extern ulong ReadCr4();
    [DllImport(Stubs, EntryPoint = "minnow_write_cr0"), SuppressGCTransition] public static extern void WriteCr0(ulong value);
    [DllImport(Stubs, EntryPoint = "minnow_write_cr3"), SuppressGCTransition] public static extern void WriteCr3(ulong value);
    [DllImport(Stubs, EntryPoint = "minnow_write_cr4"), SuppressGCTransition] public static extern void WriteCr4(ulong value);
    [DllImport(Stubs, EntryPoint = "minnow_invlpg"), SuppressGCTransition] public static extern void InvalidatePage(ulong address);

    [DllImport(Stubs, EntryPoint = "minnow_rdmsr"), SuppressGCTransition] public static extern ulong ReadMsr(uint msr);
    [DllImport(Stubs, EntryPoint = "minnow_wrmsr"), SuppressGCTransition] public static extern void WriteMsr(uint msr, ulong value);
    [DllImport(Stubs, EntryPoint = "minnow_xsetbv"), SuppressGCTransition] public static extern void WriteXcr(uint register, ulong value);
    [DllImport(Stubs, EntryPoint = "minnow_rdtsc"), SuppressGCTransition] public static extern ulong ReadTimeStampCounter();
    /// <summary>RDRAND: 64 random bits from the CPU's generator; false when it had none ready (retry) — only where <see cref="CpuFeatures.HasRandomNumberGenerator"/>.</summary>
    [DllImport(Stubs, EntryPoint = "minnow_rdrand"), SuppressGCTransition] public static extern bool ReadRandom(ulong* value);
    [DllImport(Stubs, EntryPoint = "minnow_cpuid"), SuppressGCTransition] public static extern void CpuId(uint leaf, uint subleaf, uint* eaxEbxEcxEdx);
    [DllImport(Stubs, EntryPoint = "minnow_read_rflags"), SuppressGCTransition] public static extern ulong ReadFlags();

    [DllImport(Stubs, EntryPoint = "minnow_lgdt"), SuppressGCTransition] public static extern void LoadGdt(void* descriptor);
    [DllImport(Stubs, EntryPoint = "minnow_lidt"), SuppressGCTransition] public static extern void LoadIdt(void* descriptor);
    [DllImport(Stubs, EntryPoint = "minnow_ltr"), SuppressGCTransition] public static extern void LoadTaskRegister(ushort selector);
    [DllImport(Stubs, EntryPoint = "minnow_load_segments"), SuppressGCTransition] public static extern void LoadSegments(ulong codeSelector, ulong dataSelector);

    [DllImport(Stubs, EntryPoint = "minnow_disable_interrupts"), SuppressGCTransition] public static extern void DisableInterrupts();
    [DllImport(Stubs, EntryPoint = "minnow_enable_interrupts"), SuppressGCTransition] public static extern void EnableInterrupts();
    [DllImport(Stubs, EntryPoint = "minnow_save_flags_disable_interrupts"), SuppressGCTransition] public static extern ulong SaveFlagsAndDisableInterrupts();
    [DllImport(Stubs, EntryPoint = "minnow_restore_interrupts"), SuppressGCTransition] public static extern void RestoreInterrupts(ulong savedFlags);
    [DllImport(Stubs, EntryPoint = "minnow_extended_state_size_slot"), SuppressGCTransition] public static extern ulong* ExtendedStateSizeSlot();
    [DllImport(Stubs, EntryPoint = "minnow_wait_for_interrupt"), SuppressGCTransition] public static extern void WaitForInterrupt();
    [DllImport(Stubs, EntryPoint = "minnow_halt_forever"), SuppressGCTransition] public static extern void HaltForever();
}
