using System.Text.RegularExpressions;

namespace Minnow.Build.Linking;

/// <summary>
/// Reads ld.lld's undefined-symbol errors. After a version bump, ilc may ask for runtime imports
/// Minnow does not export: this names every one, the way contract drift should show up.
/// </summary>
public static partial class ImportDriftCheck
{
    [GeneratedRegex(@"undefined symbol: (?<name>\S+)")]
    private static partial Regex UndefinedSymbol();

    public static IReadOnlyList<string> UndefinedSymbols(string linkerOutput) =>
        UndefinedSymbol().Matches(linkerOutput).Select(m => m.Groups["name"].Value).Distinct().Order(StringComparer.Ordinal).ToList();

    public static string Describe(IReadOnlyList<string> missing)
    {
        var runtime = missing.Where(IsRuntimeImport).ToList();
        var other = missing.Except(runtime).ToList();
        var lines = new List<string>();
        if (runtime.Count > 0)
        {
            lines.Add($"ilc's code needs {runtime.Count} runtime import(s) that Minnow does not export " +
                      "(the runtime contract drifted, or the program uses a platform call Minnow lacks):");
            lines.AddRange(runtime.Select(n => "  " + n));
        }
        if (other.Count > 0)
        {
            lines.Add($"{other.Count} other undefined symbol(s):");
            lines.AddRange(other.Select(n => "  " + n));
        }
        return string.Join('\n', lines);
    }

    public static bool IsRuntimeImport(string symbol) => symbol.StartsWith("Rh", StringComparison.Ordinal) || symbol.StartsWith("SystemNative_", StringComparison.Ordinal);
}
