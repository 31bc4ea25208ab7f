namespace Minnow.Runtime.Unwinding;

/// <summary>The x86-64 DWARF register numbers (System V psABI, table 3.36) the unwinder uses.</summary>
internal static class DwarfRegister
{
    public const int Rax = 0;
    public const int Rdx = 1;
    public const int Rcx = 2;
    public const int Rbx = 3;
    public const int Rsi = 4;
    public const int Rdi = 5;
    public const int Rbp = 6;
    public const int Rsp = 7;
    public const int R8 = 8;
    public const int R15 = 15;
    public const int ReturnAddress = 16;
}
