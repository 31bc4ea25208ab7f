using System.Runtime.InteropServices;
using Minnow.Runtime.Unwinding;

namespace Minnow.Runtime.ExceptionHandling;

/// <summary>
/// A frame's registers as CoreLib's dispatcher and the funclet stubs see them (REGDISPLAY, NativeAOT
/// 10.0.12 amd64 Unix, 0x88 bytes): for each general register a pointer to the stack slot or context
/// field holding its value in this frame, then SP and IP as values. Pointers, not values, because the
/// finally stub writes the parent's callee-saved registers back through them and a GC must be able to
/// update references held in registers.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 0x88)]
internal unsafe struct RegDisplay
{
    [FieldOffset(0x00)] public ulong* Rax;
    [FieldOffset(0x08)] public ulong* Rcx;
    [FieldOffset(0x10)] public ulong* Rdx;
    [FieldOffset(0x18)] public ulong* Rbx;
    [FieldOffset(0x20)] public ulong* Rbp;
    [FieldOffset(0x28)] public ulong* Rsi;
    [FieldOffset(0x30)] public ulong* Rdi;
    [FieldOffset(0x38)] public ulong* R8;
    [FieldOffset(0x58)] public ulong* R12;
    [FieldOffset(0x60)] public ulong* R13;
    [FieldOffset(0x68)] public ulong* R14;
    [FieldOffset(0x70)] public ulong* R15;
    [FieldOffset(0x78)] public ulong SP;
    [FieldOffset(0x80)] public ulong IP;

    /// <summary>The slot for a DWARF register number (0-15 except rsp), in REGDISPLAY order.</summary>
    public static int SlotOf(int dwarfRegister) => dwarfRegister switch
    {
        DwarfRegister.Rax => 0,
        DwarfRegister.Rdx => 2,
        DwarfRegister.Rcx => 1,
        DwarfRegister.Rbx => 3,
        DwarfRegister.Rsi => 5,
        DwarfRegister.Rdi => 6,
        DwarfRegister.Rbp => 4,
        >= DwarfRegister.R8 and <= DwarfRegister.R15 => dwarfRegister - 1,
        _ => -1,
    };

    /// <summary>Points every callee-saved register and rax/rdx at <paramref name="context"/>; the rest are unknown.</summary>
    public void Seed(PalLimitedContext* context)
    {
        this = default;
        Rax = &context->Rax;
        Rdx = &context->Rdx;
        Rbx = &context->Rbx;
        Rbp = &context->Rbp;
        R12 = &context->R12;
        R13 = &context->R13;
        R14 = &context->R14;
        R15 = &context->R15;
        SP = context->Rsp;
        IP = context->IP;
    }
}
