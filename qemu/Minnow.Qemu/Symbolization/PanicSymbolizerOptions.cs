namespace Minnow.Qemu.Symbolization;

public sealed record PanicSymbolizerOptions
{
    /// <summary>Most frames in a stack trace, unwound and scanned together.</summary>
    public int MaxFrames { get; init; } = EhFrameUnwinder.DefaultMaxFrames;

    /// <summary>Add file:line from addr2line when it is installed and the image has line tables.</summary>
    public bool UseAddr2Line { get; init; } = true;

    public string Addr2LinePath { get; init; } = "addr2line";

    public TimeSpan Addr2LineTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Assemblies compiled into the image; they make managed names exact (see <see cref="SymbolNameDemangler"/>).</summary>
    public IReadOnlyCollection<string> AssemblyNames { get; init; } = [];
}
