namespace Minnow.Build.Compilation;

/// <summary>
/// Runs the pinned ilc over the program and Minnow's runtime, against the stock NativeAOT class
/// library, producing one object file. Options are chosen for a freestanding image: invariant
/// globalization, no event source, P/Invokes into System.Native and Minnow's stubs bound statically,
/// CoreLib's and Minnow's runtime exports rooted, code for the chosen x86-64 level.
/// </summary>
public static class IlcCompiler
{
    private static readonly string[] s_features =
    {
        "System.Globalization.Invariant=true",
        "System.Globalization.PredefinedCulturesOnly=true",
        "System.Diagnostics.Tracing.EventSource.IsSupported=false",
        "System.Diagnostics.Debugger.IsSupported=false",
        "System.Resources.UseSystemResourceKeys=true",
        "System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported=false",
        "System.Runtime.InteropServices.BuiltInComInterop.IsSupported=false",
        "System.Runtime.InteropServices.EnableConsumingManagedCodeFromNativeHosting=false",
        "System.Runtime.InteropServices.EnableCppCLIHostActivation=false",
        "System.StartupHookProvider.IsSupported=false",
        "System.Threading.Thread.EnableAutoreleasePool=false",
        "System.Text.Encoding.EnableUnsafeUTF7Encoding=false",
        "System.Resources.ResourceManager.AllowCustomResourceTypes=false",
        "System.Linq.Enumerable.IsSizeOptimized=true",
    };

    /// <summary>Minnow assemblies whose [RuntimeExport]/[UnmanagedCallersOnly] entry points must be kept.</summary>
    public static readonly string[] RuntimeAssemblies = { "Minnow.Kernel", "Minnow.Net", "Minnow.Runtime" };

    /// <summary>
    /// The options that depend on neither the program nor the machine's package paths: part of an
    /// image's build fingerprint, which must be computable before the packs are restored.
    /// </summary>
    public static IReadOnlyList<string> FixedOptions(string instructionSet) =>
    [
        "--targetos:linux",
        "--targetarch:x64",
        "--instruction-set:" + instructionSet,
        "-O",
        "-g",
        // As the stock SDK does: the type loader resolves generic virtual methods at run time,
        // reflection execution gives Type.Name and friends, stack-trace metadata method names.
        "--initassembly:System.Private.CoreLib",
        // Exception support: CoreLib creates runtime exceptions (null reference, overflow, ...)
        // and prints unhandled ones only once reflection is initialised, and Exception.StackTrace
        // names methods from the stack-trace metadata. The stock SDK initialises the same assemblies.
        "--initassembly:System.Private.StackTraceMetadata",
        "--initassembly:System.Private.TypeLoader",
        "--initassembly:System.Private.Reflection.Execution",
        "--stacktracedata",
        "--directpinvoke:System.Native",
        "--directpinvoke:minnow",
        "--generateunmanagedentrypoints:System.Private.CoreLib",
        "--resilient",
        "--singlewarn",
        "--nowarn:IL2121;IL3050;IL2026;IL2104;IL3053",
        .. RuntimeAssemblies.Select(a => "--generateunmanagedentrypoints:" + a),
        .. s_features.Select(f => "--feature:" + f),
    ];

    public static IReadOnlyList<string> ResponseFile(Toolchain toolchain, string program, IEnumerable<string> runtimeAssemblies, string objectFile, string mapFile, string instructionSet)
    {
        var lines = new List<string> { program };
        lines.AddRange(runtimeAssemblies);
        lines.AddRange(toolchain.FrameworkReferences.Select(r => "-r:" + r));
        lines.Add("-o:" + objectFile);
        lines.Add("--map:" + mapFile);
        lines.AddRange(FixedOptions(instructionSet));
        return lines;
    }

    public static void Compile(Toolchain toolchain, string program, IEnumerable<string> runtimeAssemblies, string objectFile, string mapFile, string instructionSet)
    {
        if (!toolchain.PacksRestored)
            throw new BuildException($"ILCompiler {Toolchain.IlcVersion} is not in {toolchain.PackageRoot}: the restore of the image project should have fetched it; check NuGet access");
        string rsp = Path.ChangeExtension(objectFile, ".ilc.rsp");
        File.WriteAllLines(rsp, ResponseFile(toolchain, program, runtimeAssemblies, objectFile, mapFile, instructionSet));
        var result = ProcessRunner.Run(toolchain.Ilc, ["@" + rsp]);
        if (result.ExitCode != 0)
            throw new BuildException($"ilc failed (response file {rsp}):\n{result.Output.Trim()}");
    }
}
