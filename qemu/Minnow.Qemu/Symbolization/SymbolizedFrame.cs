namespace Minnow.Qemu.Symbolization;

/// <summary>
/// One line of the symbolized stack trace. <see cref="Offset"/> is from the symbol's start to
/// <see cref="Address"/> (the return address for caller frames, as .NET and gdb print it).
/// <see cref="IsScanned"/> marks frames guessed from stack contents rather than unwound.
/// </summary>
public sealed record SymbolizedFrame(
    int Index,
    ulong Address,
    ulong? StackPointer,
    string? ReadableName,
    string? RawName,
    ulong Offset,
    bool IsScanned,
    IReadOnlyList<SourceLocation> Sources)
{
    public bool HasSymbol => RawName is not null;
}
