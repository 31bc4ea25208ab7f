using System.Security.Cryptography;
using System.Text;
using Minnow.Build.Compilation;
using Minnow.Build.Elf;
using Minnow.Build.Linking;
using Minnow.Build.Stubs;

namespace Minnow.Build;

/// <summary>
/// Turns a folder of C# into a bootable image: compile (SDK), build Minnow's runtime, ilc, generate
/// stubs (Iced), link (ld.lld). Writes NAME.elf (stripped: what boots), NAME.debug.elf
/// (symbols and DWARF, for the crash symbolizer and gdb) and NAME.map, and skips everything when no input changed.
/// </summary>
public sealed class ImageBuilder(Toolchain toolchain, Action<string> reportStep, bool allowUnsafe = false, string instructionSet = InstructionSets.Default)
{
    public sealed record Result(string Image, string DebugImage, string MapFile, bool UpToDate);

    public Result Build(string sourceDirectory, string outputImage)
    {
        InstructionSets.RequiresAvx2(instructionSet);   // validates the name
        if (!Directory.Exists(sourceDirectory))
            throw new BuildException($"source folder {sourceDirectory} does not exist");
        if (!Directory.EnumerateFiles(sourceDirectory, "*.cs", SearchOption.AllDirectories).Any())
            throw new BuildException($"{sourceDirectory} holds no C# files: an image needs a program with a static Main");
        string name = Path.GetFileNameWithoutExtension(outputImage);
        string outputDirectory = Path.GetDirectoryName(Path.GetFullPath(outputImage))!;
        Directory.CreateDirectory(outputDirectory);
        string work = Path.Combine(toolchain.RepositoryRoot, "out", "obj", "images", name);
        Directory.CreateDirectory(work);
        string debugImage = Path.Combine(outputDirectory, name + ".debug.elf");
        string mapFile = Path.Combine(outputDirectory, name + ".map");

        string fingerprint = Fingerprint(sourceDirectory);
        string stamp = Path.Combine(work, "inputs.sha256");
        if (File.Exists(outputImage) && File.Exists(debugImage) && File.Exists(stamp) && File.ReadAllText(stamp) == fingerprint)
            return new Result(outputImage, debugImage, mapFile, UpToDate: true);

        reportStep("building Minnow's runtime");
        var runtimeAssemblies = BuildRuntime();

        reportStep($"compiling {sourceDirectory}");
        string program = CSharpCompiler.CompileProgram(toolchain, sourceDirectory, SafeAssemblyName(name), Path.Combine(work, "program"), allowUnsafe,
            Path.Combine(toolchain.RepositoryRoot, "out", "runtime"), ProgramProject.References(sourceDirectory));
        // Libraries the program's .csproj references (and theirs) are compiled in like the program.
        var excluded = new HashSet<string>(
            IlcCompiler.RuntimeAssemblies.Concat(CSharpCompiler.ProgramReferences).Concat(toolchain.FrameworkReferences.Select(Path.GetFileNameWithoutExtension))!,
            StringComparer.OrdinalIgnoreCase);
        var libraries = ProgramProject.ReferencedAssemblies(program, excluded);

        reportStep("compiling to native code (ilc)");
        string ilcObject = Path.Combine(work, name + ".o");
        IlcCompiler.Compile(toolchain, program, runtimeAssemblies.Concat(libraries), ilcObject, Path.Combine(work, name + ".ilc.map.xml"), instructionSet);

        reportStep("generating stubs (Iced)");
        string stubObject = Path.Combine(work, "stubs.o");
        File.WriteAllBytes(stubObject, StubCatalog.BuildObject(instructionSet));

        reportStep("linking (ld.lld)");
        // Math from glibc's libm (GlibcMath): a trial link says which of its members the image pulls
        // in, and their IFUNCs are bound to this instruction set's variants. musl's libc.a comes last
        // and only for what glibc's members leave (__tls_get_addr).
        var inputs = new List<string> { ilcObject, stubObject, GlibcMath.MathArchive, "--start-lib" };
        inputs.AddRange(GlibcMath.ExtractCMembers(Path.Combine(work, "glibc")));
        inputs.AddRange(["--end-lib", Toolchain.MuslLibcArchive]);
        var extracted = GlibcMath.ExtractedMathMembers(ImageLinker.WhyExtract(toolchain, inputs, work));
        // Calls into libm go through RedZoneGuard's wrappers (interrupts off for the call), which
        // take over the IFUNC bindings of the functions they wrap.
        var (guardObject, bindings) = RedZoneGuard.Build(ElfSymbolReader.UndefinedSymbols(ilcObject), GlibcMath.Bindings(instructionSet, extracted));
        string guardPath = Path.Combine(work, "red-zone-guard.o");
        File.WriteAllBytes(guardPath, guardObject);
        inputs.Insert(2, guardPath);
        ImageLinker.Link(toolchain, inputs, debugImage, mapFile, stripDebug: false, work, bindings);
        ImageLinker.Link(toolchain, inputs, outputImage, Path.Combine(work, name + ".stripped.map"), stripDebug: true, work, bindings);

        File.WriteAllText(stamp, fingerprint);
        return new Result(outputImage, debugImage, mapFile, UpToDate: false);
    }

    private IReadOnlyList<string> BuildRuntime()
    {
        string output = Path.Combine(toolchain.RepositoryRoot, "out", "runtime");
        string project = Path.Combine(toolchain.RepositoryRoot, "runtime", "Minnow.Runtime", "Minnow.Runtime.csproj");
        var assemblies = IlcCompiler.RuntimeAssemblies.Select(a => Path.Combine(output, a + ".dll")).ToList();
        DateTime newestSource = MinnowSources().Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MaxValue).Max();
        bool current = assemblies.All(File.Exists) && assemblies.All(a => File.GetLastWriteTimeUtc(a) >= newestSource);
        if (!current)
            CSharpCompiler.Build(toolchain, project, output, "building Minnow's runtime");
        return assemblies;
    }

    private IEnumerable<string> MinnowSources() =>
        new[] { "runtime", "kernel", "drivers", "net/Minnow.Net" }
            .Select(d => Path.Combine(toolchain.RepositoryRoot, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".csproj")) && !f.Contains("/bin/") && !f.Contains("/obj/"));

    /// <summary>A hash of every input: program sources, the projects its .csproj references, Minnow's sources, the stub generator, ilc's and the linker's options and script.</summary>
    private string Fingerprint(string sourceDirectory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.EnumerateFiles(sourceDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/"))
            .Concat(MinnowSources())
            .Concat(ProgramProject.SourceFiles(sourceDirectory))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file));
            hash.AppendData(File.ReadAllBytes(file));
        }
        hash.AppendData(StubCatalog.BuildObject(instructionSet));
        hash.AppendData(Encoding.UTF8.GetBytes(string.Join("\n", IlcCompiler.FixedOptions(instructionSet).Concat(ImageLinker.Options))));
        // The toolchain's own code: a new minnow (stubs, link steps) rebuilds every image.
        string toolchainAssembly = typeof(ImageBuilder).Assembly.Location;
        if (toolchainAssembly.Length > 0 && File.Exists(toolchainAssembly))
            hash.AppendData(File.ReadAllBytes(toolchainAssembly));
        hash.AppendData(Encoding.UTF8.GetBytes(ImageLinker.LinkerScript() + GlibcMath.Description + RedZoneGuard.Description + Toolchain.IlcVersion + allowUnsafe + instructionSet));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>The program's assembly name for an image called <paramref name="name"/> (also its symbol prefix).</summary>
    public static string SafeAssemblyName(string name)
    {
        var sb = new StringBuilder();
        foreach (char c in name)
            sb.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        return sb.Length > 0 && char.IsLetter(sb[0]) ? sb.ToString() : "Image_" + sb;
    }
}
