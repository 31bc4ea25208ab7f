namespace Minnow.Runtime.Unwinding;

/// <summary>How a caller's register is recovered (DWARF CFI register rules that x86-64 code uses).</summary>
internal enum RegisterRuleKind : byte
{
    /// <summary>Unchanged by this frame (also the initial rule for callee-saved registers).</summary>
    SameValue,
    /// <summary>Saved in memory at CFA + offset.</summary>
    Offset,
    /// <summary>The value is CFA + offset.</summary>
    ValueOffset,
    /// <summary>Saved in another register.</summary>
    Register,
    /// <summary>Not recoverable.</summary>
    Undefined,
}

internal struct RegisterRule
{
    public RegisterRuleKind Kind;
    public long Value;
}
