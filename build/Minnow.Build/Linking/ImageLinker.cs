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

    /// <summary>Links <paramref name="objects"/> into <paramref name="output"/> (with symbols and DWARF unless <paramref name="stripDebug"/>, which strips both).</summary>
    public static void Link(Toolchain toolchain, IEnumerable<string> objects, string output, string mapFile, bool stripDebug, string workDirectory)
    {
        string script = Path.Combine(workDirectory, "image.ld");
        string text = LinkerScript();
        if (!File.Exists(script) || File.ReadAllText(script) != text)
            File.WriteAllText(script, text);
        var arguments = new List<string>(Options) { "-T", script, "-Map=" + mapFile, "-o", output };
        if (stripDebug)
            arguments.Add("--strip-all");
        arguments.AddRange(objects);
        var result = ProcessRunner.Run(toolchain.Linker, arguments);
        if (result.ExitCode == 0)
            return;
        var missing = ImportDriftCheck.UndefinedSymbols(result.Output);
        if (missing.Count > 0)
            throw new BuildException(ImportDriftCheck.Describe(missing));
        throw new BuildException($"ld.lld failed:\n{result.Output.Trim()}");
    }
}
