using Minnow.Qemu.Symbolization;

namespace Minnow.Cli;

/// <summary>
/// Relays kernel lines to stderr and, when a panic report ends, prints it symbolized: method
/// names, the faulting instruction and an unwound stack trace, from the image's debug ELF.
/// </summary>
internal sealed class PanicReporter
{
    private readonly PanicSymbolizer? _symbolizer;
    private readonly TextWriter _output;

    public PanicReporter(string symbolImage, TextWriter output)
    {
        _output = output;
        try
        {
            // The program's assembly name lets the demangler split "assembly_namespace_type" exactly.
            string program = Minnow.Build.ImageBuilder.SafeAssemblyName(Path.GetFileName(symbolImage).Replace(".debug.elf", ""));
            var options = new PanicSymbolizerOptions { AssemblyNames = [program, "Minnow_Runtime", "Minnow_Kernel"] };
            _symbolizer = File.Exists(symbolImage) ? PanicSymbolizer.ForElfFile(symbolImage, options) : null;
        }
        catch (ElfFormatException e)
        {
            output.WriteLine($"minnow run: cannot read symbols from {symbolImage} ({e.Message}); panics will not be symbolized");
        }
    }

    public void OnKernelLine(string line, bool echo)
    {
        if (_symbolizer is null)
        {
            if (echo)
                _output.WriteLine(line);
            return;
        }
        var lines = _symbolizer.ProcessLine(line);
        // Raw stack and code dumps stay in the log file: the symbolized report replaces them here.
        bool rawDump = line.StartsWith("minnow: stack ", StringComparison.Ordinal) || line.StartsWith("minnow: code ", StringComparison.Ordinal);
        for (int i = 0; i < lines.Count; i++)
        {
            // The first line is the kernel's own; the rest, if any, is the symbolized report.
            if (i > 0 || (echo && !rawDump))
                _output.WriteLine(lines[i]);
        }
    }

    /// <summary>A panic whose end never arrived (the VM died mid-report) is still reported.</summary>
    public void Finish()
    {
        if (_symbolizer is null)
            return;
        foreach (var line in _symbolizer.Finish())
            _output.WriteLine(line);
    }
}
