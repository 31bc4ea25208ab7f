namespace Minnow.Qemu.Symbolization;

/// <summary>The CFI table row in effect at one code address: the CFA rule and the rules for registers 0-16.</summary>
public sealed class UnwindRow
{
    public const int TrackedRegisterCount = 17;

    private readonly RegisterRule[] _rules;

    public UnwindRow(ulong location, CfaRule cfa, RegisterRule[] rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Length != TrackedRegisterCount)
            throw new ArgumentException($"expected {TrackedRegisterCount} rules", nameof(rules));
        Location = location;
        Cfa = cfa;
        _rules = (RegisterRule[])rules.Clone();
    }

    /// <summary>The address where this row starts.</summary>
    public ulong Location { get; }

    public CfaRule Cfa { get; }

    public RegisterRule this[DwarfRegister register] => GetRule((int)register);

    public RegisterRule GetRule(int dwarfNumber) =>
        (uint)dwarfNumber < TrackedRegisterCount ? _rules[dwarfNumber] : new RegisterRule(RegisterRuleKind.Unspecified);
}
