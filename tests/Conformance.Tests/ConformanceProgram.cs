namespace Minnow.Conformance.Tests;

/// <summary>
/// One program of tests/conformance: a folder of plain C#. An optional <c>kargs</c> file holds
/// option the image needs: <c>mem</c> holds a memory size (<c>512M</c>); <c>gcstress</c> holds the
/// allocation interval of the GC-stress run when the default would make it too slow (a program
/// that allocates hundreds of megabytes in tiny objects).
/// </summary>
public sealed record ConformanceProgram(string Name, string Directory)
{
    public static string Root => Path.Combine(Minnow.TestSupport.RepositoryPaths.Root, "tests", "conformance");

    public static IEnumerable<ConformanceProgram> All() =>
        System.IO.Directory.EnumerateDirectories(Root)
            .Where(d => System.IO.Directory.EnumerateFiles(d, "*.cs").Any())
            .Order(StringComparer.Ordinal)
            .Select(d => new ConformanceProgram(Path.GetFileName(d), d));

    /// <summary>Collect every this many allocations in the GC-stress run.</summary>
    public const int DefaultGcStressInterval = 1000;

    public string? Memory => ReadOption("mem");

    public int GcStressInterval => int.TryParse(ReadOption("gcstress"), out int n) && n > 0 ? n : DefaultGcStressInterval;

    private string? ReadOption(string name)
    {
        string file = Path.Combine(Directory, name);
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }
}
