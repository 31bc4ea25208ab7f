namespace Minnow.Qemu.Symbolization;

/// <summary>x86-64 DWARF register numbers (System V psABI, figure 3.36); 16 is the return address column.</summary>
public enum DwarfRegister
{
    Rax = 0,
    Rdx = 1,
    Rcx = 2,
    Rbx = 3,
    Rsi = 4,
    Rdi = 5,
    Rbp = 6,
    Rsp = 7,
    R8 = 8,
    R9 = 9,
    R10 = 10,
    R11 = 11,
    R12 = 12,
    R13 = 13,
    R14 = 14,
    R15 = 15,
    ReturnAddress = 16,
}
