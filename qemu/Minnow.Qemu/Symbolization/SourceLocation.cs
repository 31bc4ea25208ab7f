namespace Minnow.Qemu.Symbolization;

/// <summary>A source position from addr2line: the function (if known), file and line.</summary>
public sealed record SourceLocation(string? Function, string File, int? Line)
{
    public override string ToString() => Line is int line ? $"{File}:{line}" : File;
}
