namespace Minnow.Qemu.Symbolization;

/// <summary>One register's rule in a CFI row; <see cref="Offset"/> is already multiplied by the data alignment factor.</summary>
public readonly record struct RegisterRule(RegisterRuleKind Kind, long Offset = 0, int Register = 0)
{
    public override string ToString() => Kind switch
    {
        RegisterRuleKind.Offset => $"cfa{Offset:+#;-#;+0}",
        RegisterRuleKind.ValueOffset => $"value cfa{Offset:+#;-#;+0}",
        RegisterRuleKind.Register => $"r{Register}",
        _ => Kind.ToString(),
    };
}
