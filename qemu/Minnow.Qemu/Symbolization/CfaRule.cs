namespace Minnow.Qemu.Symbolization;

/// <summary>How the canonical frame address is computed: Register + Offset, or a DWARF expression (not evaluated).</summary>
public readonly record struct CfaRule(int Register, long Offset, bool IsExpression = false)
{
    public override string ToString() => IsExpression ? "expression" : $"r{Register}{Offset:+#;-#;+0}";
}
