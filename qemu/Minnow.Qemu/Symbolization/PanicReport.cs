namespace Minnow.Qemu.Symbolization;

/// <summary>
/// A guest panic as printed in the kernel log (see <see cref="PanicReportParser"/> for the format):
/// the kind, the registers, the code bytes at rip and the dumped stack words.
/// </summary>
public sealed class PanicReport
{
    public PanicReport(
        string kind,
        IReadOnlyDictionary<string, ulong> registers,
        ulong? codeAddress,
        IReadOnlyList<byte> codeBytes,
        IReadOnlyList<StackWord> stackWords,
        bool isComplete,
        IReadOnlyList<string> warnings)
    {
        Kind = kind;
        Registers = registers;
        CodeAddress = codeAddress;
        CodeBytes = codeBytes;
        StackWords = stackWords;
        IsComplete = isComplete;
        Warnings = warnings;
    }

    /// <summary>The text after "PANIC ", such as "page fault (#PF) error=0x0000000000000002".</summary>
    public string Kind { get; }

    /// <summary>Lowercase names (rip, rsp, rbp, rflags, cr2, rax, ... r15) to values.</summary>
    public IReadOnlyDictionary<string, ulong> Registers { get; }

    /// <summary>Where <see cref="CodeBytes"/> were read (normally rip); null when the report had no code line.</summary>
    public ulong? CodeAddress { get; }

    public IReadOnlyList<byte> CodeBytes { get; }

    /// <summary>The dumped stack words, in the order printed.</summary>
    public IReadOnlyList<StackWord> StackWords { get; }

    /// <summary>False when the log ended, or another panic began, before "end-panic".</summary>
    public bool IsComplete { get; }

    /// <summary>Lines of the report that could not be understood, and why.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public ulong? Rip => GetRegister("rip");

    public ulong? Rsp => GetRegister("rsp");

    public ulong? Cr2 => GetRegister("cr2");

    public ulong? GetRegister(string name) => Registers.TryGetValue(name, out ulong value) ? value : null;
}
