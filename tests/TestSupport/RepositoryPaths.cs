namespace Minnow.TestSupport;

/// <summary>
/// Where things are in the Minnow checkout the tests run from. Test output lives under out/ in
/// folders of its own (out/test-images, out/test-host, out/test-work), so a test run never
/// overwrites the images or build folders that <c>make</c> and developers use.
/// </summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The checkout: the folder that holds runtime/Minnow.Runtime and the Makefile.</summary>
    public static string Root => s_root.Value;

    public static string Out => Path.Combine(Root, "out");

    /// <summary>The minnow tool that <c>make tool</c> builds.</summary>
    public static string MinnowTool => Path.Combine(Out, "tools", "minnow.dll");

    /// <summary>Images the tests build (NAME.elf, NAME.debug.elf, NAME.map, NAME.log).</summary>
    public static string TestImages => Path.Combine(Out, "test-images");

    /// <summary>Host .NET builds of test programs.</summary>
    public static string TestHost => Path.Combine(Out, "test-host");

    /// <summary>Scratch files tests write (generated sources, linker inputs).</summary>
    public static string TestWork => Path.Combine(Out, "test-work");

    /// <summary>A path inside the checkout, from its parts relative to the root.</summary>
    public static string Combine(params string[] relative) => Path.Combine([Root, .. relative]);

    /// <summary>A fresh, empty scratch folder under out/test-work.</summary>
    public static string CreateWorkDirectory(string name)
    {
        string directory = Path.Combine(TestWork, name);
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "runtime", "Minnow.Runtime", "Minnow.Runtime.csproj"))
                    && File.Exists(Path.Combine(directory.FullName, "Makefile")))
                    return directory.FullName;
            }
        }
        throw new InvalidOperationException(
            $"cannot find the Minnow checkout above {AppContext.BaseDirectory} or {Environment.CurrentDirectory} " +
            "(a folder with runtime/Minnow.Runtime/Minnow.Runtime.csproj and a Makefile)");
    }
}
