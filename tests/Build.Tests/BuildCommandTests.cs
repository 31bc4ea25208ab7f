using System.Text.RegularExpressions;
using Minnow.TestSupport;

namespace Minnow.Build.Tests;

/// <summary>minnow build's failures: each says what is wrong, where, and exits non-zero.</summary>
public sealed partial class BuildCommandTests
{
    [Fact]
    public void A_compile_error_fails_the_build_with_file_line_column_and_code()
    {
        string source = RepositoryPaths.CreateWorkDirectory("compile-error");
        File.WriteAllText(Path.Combine(source, "Program.cs"), """
            // A program with one type error, on line 2, column 13.
            int count = "not a number";
            Console.WriteLine(count);
            """);

        var build = MinnowTool.Build(source, "tests-compile-error");

        Assert.False(build.Succeeded, build.Process.Describe());
        Assert.NotEqual(0, build.Process.ExitCode);
        Assert.Matches(CompileError(), build.Process.StandardError);
        Assert.Contains("minnow: error:", build.Process.StandardError);
        Assert.DoesNotContain("Unhandled exception", build.Process.StandardError);
    }

    [Fact]
    public void A_missing_source_folder_is_named_in_a_clear_error()
    {
        string missing = Path.Combine(RepositoryPaths.TestWork, "no-such-program");
        if (Directory.Exists(missing))
            Directory.Delete(missing, recursive: true);

        var run = MinnowTool.Invoke(["build", missing, "-o", Path.Combine(RepositoryPaths.TestImages, "tests-missing.elf")], TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Contains($"minnow: error: source folder {missing} does not exist", run.StandardError);
        Assert.DoesNotContain("Unhandled exception", run.StandardError);
    }

    [Fact]
    public void A_folder_without_CSharp_files_is_refused()
    {
        string empty = RepositoryPaths.CreateWorkDirectory("no-csharp");
        File.WriteAllText(Path.Combine(empty, "README.md"), "not a program\n");

        var run = MinnowTool.Invoke(["build", empty, "-o", Path.Combine(RepositoryPaths.TestImages, "tests-no-csharp.elf")], TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Contains("holds no C# files", run.StandardError);
    }

    [Fact]
    public void An_unknown_instruction_set_is_refused()
    {
        var run = MinnowTool.Invoke(["build", RepositoryPaths.Combine("images", "hello"), "-o", Path.Combine(RepositoryPaths.TestImages, "tests-isa.elf"), "--isa", "x86-64-v9"], TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Contains("minnow: error: unsupported instruction set 'x86-64-v9'", run.StandardError);
    }

    [GeneratedRegex(@"Program\.cs:2:13: error CS0029: ")]
    private static partial Regex CompileError();
}
