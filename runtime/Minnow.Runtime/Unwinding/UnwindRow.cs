using System.Runtime.CompilerServices;

namespace Minnow.Runtime.Unwinding;

/// <summary>
/// One row of a frame's CFI table: how to compute the CFA (a register plus an offset) and how to
/// recover each of the x86-64 DWARF registers 0-16 (rax, rdx, rcx, rbx, rsi, rdi, rbp, rsp,
/// r8-r15, and 16 = the return address).
/// </summary>
internal struct UnwindRow
{
    public const int ColumnCount = 17;

    public int CfaRegister;
    public long CfaOffset;
    public RegisterRules Rules;

    [InlineArray(ColumnCount)]
    public struct RegisterRules
    {
        private RegisterRule _first;
    }
}
