namespace Minnow.Qemu.Symbolization;

/// <summary>
/// Register values of one frame, indexed by DWARF number. rip and rsp are always known; the others
/// may be unknown (null), as caller-saved registers are in every frame above the first.
/// </summary>
public sealed class X64RegisterSet
{
    private const int RegisterCount = 17;

    private static readonly Dictionary<string, DwarfRegister> s_names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rax"] = DwarfRegister.Rax, ["rdx"] = DwarfRegister.Rdx, ["rcx"] = DwarfRegister.Rcx, ["rbx"] = DwarfRegister.Rbx,
        ["rsi"] = DwarfRegister.Rsi, ["rdi"] = DwarfRegister.Rdi, ["rbp"] = DwarfRegister.Rbp, ["rsp"] = DwarfRegister.Rsp,
        ["r8"] = DwarfRegister.R8, ["r9"] = DwarfRegister.R9, ["r10"] = DwarfRegister.R10, ["r11"] = DwarfRegister.R11,
        ["r12"] = DwarfRegister.R12, ["r13"] = DwarfRegister.R13, ["r14"] = DwarfRegister.R14, ["r15"] = DwarfRegister.R15,
        ["rip"] = DwarfRegister.ReturnAddress,
    };

    private readonly ulong?[] _values;

    public X64RegisterSet(ulong rip, ulong rsp)
    {
        _values = new ulong?[RegisterCount];
        _values[(int)DwarfRegister.ReturnAddress] = rip;
        _values[(int)DwarfRegister.Rsp] = rsp;
    }

    private X64RegisterSet(ulong?[] values)
    {
        _values = values;
    }

    public ulong Rip => _values[(int)DwarfRegister.ReturnAddress]!.Value;

    public ulong Rsp => _values[(int)DwarfRegister.Rsp]!.Value;

    public ulong? this[DwarfRegister register] => Get((int)register);

    /// <summary>The value of DWARF register <paramref name="dwarfNumber"/>; null when unknown or not tracked (xmm, ...).</summary>
    public ulong? Get(int dwarfNumber) => (uint)dwarfNumber < RegisterCount ? _values[dwarfNumber] : null;

    public X64RegisterSet With(DwarfRegister register, ulong? value)
    {
        if (value is null && register is DwarfRegister.ReturnAddress or DwarfRegister.Rsp)
            throw new ArgumentException("rip and rsp must be known", nameof(value));
        ulong?[] values = (ulong?[])_values.Clone();
        values[(int)register] = value;
        return new X64RegisterSet(values);
    }

    /// <summary>Builds the set from names such as "rip", "rsp", "rbx", "r12" (others, like rflags or cr2, are ignored).</summary>
    public static X64RegisterSet FromNamedValues(IReadOnlyDictionary<string, ulong> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.TryGetValue("rip", out ulong rip) || !values.TryGetValue("rsp", out ulong rsp))
            throw new ArgumentException("rip and rsp are required", nameof(values));
        var registers = new X64RegisterSet(rip, rsp);
        foreach ((string name, ulong value) in values)
        {
            if (s_names.TryGetValue(name, out DwarfRegister register))
                registers._values[(int)register] = value;
        }
        return registers;
    }
}
