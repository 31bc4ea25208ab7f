namespace Minnow.Qemu.Symbolization;

/// <summary>How a register of the caller is recovered (DWARF 5, 6.4.1).</summary>
public enum RegisterRuleKind
{
    /// <summary>No instruction mentioned the register: callee-saved registers keep their value.</summary>
    Unspecified,
    Undefined,
    SameValue,
    /// <summary>Saved at CFA + Offset.</summary>
    Offset,
    /// <summary>The value is CFA + Offset.</summary>
    ValueOffset,
    /// <summary>Held in another register.</summary>
    Register,
    Expression,
    ValueExpression,
}
