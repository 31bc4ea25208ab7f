namespace Minnow.Build.Compilation;

/// <summary>
/// The pinned tools: the .NET SDK, ILCompiler and the NativeAOT runtime pack (the runtime contract
/// is version-specific, so these move together), and ld.lld. Finds them or says how to get them.
/// </summary>
public sealed class Toolchain
{
    public const string IlcVersion = "10.0.12";
    public const string RuntimeIdentifier = "linux-x64";

    /// <summary>
    /// musl's C library archive (Debian's musl-dev). Images used to take their math from it; now
    /// glibc's libm provides that (Linking/GlibcMath.cs) and musl's archive comes last in the link,
    /// for the little C runtime ilc's object still asks for (__tls_get_addr). The linker pulls in
    /// only the members the image references.
    /// </summary>
    public const string MuslLibcArchive = "/usr/lib/x86_64-linux-musl/libc.a";

    private Toolchain(string repositoryRoot, string packageRoot, string linker)
    {
        RepositoryRoot = repositoryRoot;
        PackageRoot = packageRoot;
        Linker = linker;
    }

    public string RepositoryRoot { get; }
    public string PackageRoot { get; }
    public string Linker { get; }
    public string Dotnet => "dotnet";

    public string Ilc => Path.Combine(PackageRoot, "runtime.linux-x64.microsoft.dotnet.ilcompiler", IlcVersion, "tools", "ilc");

    public string RuntimePackDirectory => Path.Combine(PackageRoot, "microsoft.netcore.app.runtime.nativeaot.linux-x64", IlcVersion, "runtimes", RuntimeIdentifier);

    /// <summary>The framework assemblies ilc compiles against (the runtime pack's lib and CoreLib).</summary>
    public IEnumerable<string> FrameworkReferences =>
        Directory.EnumerateFiles(Path.Combine(RuntimePackDirectory, "lib", "net10.0"), "*.dll")
            .Concat(Directory.EnumerateFiles(Path.Combine(RuntimePackDirectory, "native"), "*.dll"));

    public bool PacksRestored => File.Exists(Ilc) && Directory.Exists(RuntimePackDirectory);

    public static Toolchain Locate(string repositoryRoot)
    {
        string packageRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string linker = FindOnPath("ld.lld")
            ?? throw new BuildException("ld.lld not found: install the Debian package 'lld' (make deps does it)");
        if (!File.Exists(MuslLibcArchive))
            throw new BuildException($"{MuslLibcArchive} not found: install the Debian package 'musl-dev' (make deps does it); images take __tls_get_addr from it");
        Linking.GlibcMath.RequireArchives();
        if (FindOnPath("dotnet") is null)
            throw new BuildException("dotnet not found: install the .NET 10 SDK (see README.md)");
        return new Toolchain(repositoryRoot, packageRoot, linker);
    }

    public static string? FindOnPath(string tool)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
