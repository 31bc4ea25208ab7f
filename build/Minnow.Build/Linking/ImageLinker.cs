using System.Reflection;
using Minnow.Build.Compilation;

namespace Minnow.Build.Linking;

/// <summary>Links ilc's object and the stub object into the PVH ELF with ld.lld and Minnow's linker script.</summary>
public static class ImageLinker
{
    public static string LinkerScript()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("image.ld")
            ?? throw new InvalidOperationException("the linker script is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// ld.lld's fixed options. --eh-frame-hdr builds the sorted FDE table the runtime's stack walker
    /// searches (it needs no PT_GNU_EH_FRAME: the linker script names the section).
    /// </summary>
    public static readonly string[] Options = ["-static", "-nostdlib", "--no-pie", "-z", "max-page-size=4096", "--error-limit=0", "--eh-frame-hdr"];

    /// <summary>
    /// Links <paramref name="inputs"/> (objects, archives, --start-lib/--end-lib) into <paramref name="output"/>
    /// (with symbols and DWARF unless <paramref name="stripDebug"/>, which strips both);
    /// <paramref name="extraOptions"/> go before the inputs (GlibcMath's --defsym bindings).
    /// </summary>
    public static void Link(Toolchain toolchain, IEnumerable<string> inputs, string output, string mapFile, bool stripDebug, string workDirectory, IEnumerable<string>? extraOptions = null)
    {
        var arguments = new List<string>(Options) { "-T", WriteScript(workDirectory), "-Map=" + mapFile, "-o", output };
        if (stripDebug)
            arguments.Add("--strip-all");
        arguments.AddRange(extraOptions ?? []);
        arguments.AddRange(inputs);
        var result = ProcessRunner.Run(toolchain.Linker, arguments);
        if (result.ExitCode == 0)
            return;
        var missing = ImportDriftCheck.UndefinedSymbols(result.Output);
        if (missing.Count > 0)
            throw new BuildException(ImportDriftCheck.Describe(missing));
        throw new BuildException($"ld.lld failed:\n{result.Output.Trim()}");
    }

    /// <summary>
    /// Which archive members linking <paramref name="inputs"/> extracts: a trial link to /dev/null
    /// with --why-extract, whose report is returned (the trial's own errors are ignored: the real
    /// link reports them). GlibcMath reads it to bind only the IFUNCs an image actually pulls in.
    /// </summary>
    public static string WhyExtract(Toolchain toolchain, IEnumerable<string> inputs, string workDirectory)
    {
        string report = Path.Combine(workDirectory, "why-extract.txt");
        File.Delete(report);
        var arguments = new List<string>(Options) { "-T", WriteScript(workDirectory), "-o", "/dev/null", "--why-extract=" + report };
        arguments.AddRange(inputs);
        ProcessRunner.Run(toolchain.Linker, arguments);
        return File.Exists(report) ? File.ReadAllText(report) : "";
    }

    private static string WriteScript(string workDirectory)
    {
        string script = Path.Combine(workDirectory, "image.ld");
        string text = LinkerScript();
        if (!File.Exists(script) || File.ReadAllText(script) != text)
            File.WriteAllText(script, text);
        return script;
    }
}
