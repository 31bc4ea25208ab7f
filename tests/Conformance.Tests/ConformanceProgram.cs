namespace Minnow.Conformance.Tests;

/// <summary>
/// One program of tests/conformance: a folder of plain C#. An optional <c>kargs</c> file holds
/// kernel options the image needs (for example a memory size is given with <c>mem</c>).
/// </summary>
public sealed record ConformanceProgram(string Name, string Directory)
{
    public static string Root => Path.Combine(Minnow.TestSupport.RepositoryPaths.Root, "tests", "conformance");

    public static IEnumerable<ConformanceProgram> All() =>
        System.IO.Directory.EnumerateDirectories(Root)
            .Where(d => System.IO.Directory.EnumerateFiles(d, "*.cs").Any())
            .Order(StringComparer.Ordinal)
            .Select(d => new ConformanceProgram(Path.GetFileName(d), d));

    public string? Memory => ReadOption("mem");

    private string? ReadOption(string name)
    {
        string file = Path.Combine(Directory, name);
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }
}
