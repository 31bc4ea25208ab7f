using System.Reflection;

namespace Minnow.Net.Tests;

/// <summary>The rules net/ lives by (docs/architecture): checked, not remembered.</summary>
public class ArchitectureTests
{
    private static readonly Assembly Net = typeof(Interface).Assembly;

    [Fact]
    public void HasNoStaticMutableState()
    {
        var offenders = Net.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => !f.IsLiteral && !f.IsInitOnly && !f.Name.Contains("<"))
            .Select(f => $"{f.DeclaringType}.{f.Name}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void ReferencesNothingButTheBaseLibrary()
    {
        string[] references = Net.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        // System.Threading: Monitor, on which the socket layer's blocking calls wait.
        Assert.All(references, name => Assert.True(name == "System.Runtime" || name == "System.Collections" || name == "System.Runtime.Intrinsics" || name == "System.Memory" || name == "System.Runtime.InteropServices" || name == "System.Threading", $"unexpected reference {name}"));
    }

    [Fact]
    public void ReadsNoClock()
    {
        // No member of the stack may take time from anywhere but its callers.
        string source = string.Join('\n', Directory.EnumerateFiles(SourceDirectory(), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        foreach (string forbidden in new[] { "DateTime.", "Stopwatch", "Environment.TickCount", "unsafe ", "System.Reflection" })
        {
            Assert.DoesNotContain(forbidden, source);
        }
    }

    private static string SourceDirectory()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !Directory.Exists(Path.Combine(directory, "net", "Minnow.Net")))
        {
            directory = Path.GetDirectoryName(directory);
        }
        Assert.NotNull(directory);
        return Path.Combine(directory!, "net", "Minnow.Net");
    }
}
