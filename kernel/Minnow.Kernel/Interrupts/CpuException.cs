namespace Minnow.Kernel.Interrupts;

/// <summary>The architectural exception vectors and their names, as reports print them.</summary>
public static class CpuException
{
    public const int DivideError = 0;
    public const int Nmi = 2;
    public const int InvalidOpcode = 6;
    public const int DoubleFault = 8;
    public const int GeneralProtection = 13;
    public const int PageFault = 14;
    public const int FirstExternal = 32;

    public static string Name(ulong vector) => vector switch
    {
        0 => "divide error (#DE)",
        1 => "debug (#DB)",
        2 => "non-maskable interrupt (NMI)",
        3 => "breakpoint (#BP)",
        4 => "overflow (#OF)",
        5 => "bound range exceeded (#BR)",
        6 => "invalid opcode (#UD)",
        7 => "device not available (#NM)",
        8 => "double fault (#DF)",
        10 => "invalid TSS (#TS)",
        11 => "segment not present (#NP)",
        12 => "stack-segment fault (#SS)",
        13 => "general protection fault (#GP)",
        14 => "page fault (#PF)",
        16 => "x87 floating-point error (#MF)",
        17 => "alignment check (#AC)",
        18 => "machine check (#MC)",
        19 => "SIMD floating-point exception (#XM)",
        21 => "control protection (#CP)",
        _ => "unexpected interrupt",
    };
}
