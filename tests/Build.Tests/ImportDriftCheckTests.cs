using Minnow.Build.Compilation;
using Minnow.Build.Linking;
using Minnow.Build.Stubs;
using Minnow.TestSupport;

namespace Minnow.Build.Tests;

/// <summary>ImportDriftCheck turns ld.lld's undefined-symbol errors into a list that says what drifted.</summary>
public sealed class ImportDriftCheckTests
{
    private const string LinkerOutput = """
        ld.lld: error: undefined symbol: RhpNewFast
        >>> referenced by Program.cs:12 (/src/Program.cs:12)
        >>>               hello.o:(hello_Program___Main__)
        >>> referenced by hello.o:(S_P_CoreLib_System_String__Ctor)

        ld.lld: error: undefined symbol: SystemNative_GetTimestamp
        >>> referenced by hello.o:(S_P_CoreLib_Interop_Sys__GetTimestamp)

        ld.lld: error: undefined symbol: RhpNewFast
        >>> referenced by hello.o:(somewhere_else)

        ld.lld: error: undefined symbol: sqrt
        >>> referenced by hello.o:(S_P_CoreLib_System_Math__Sqrt)
        ld.lld: error: undefined symbol: AppendExceptionStackFrame
        """;

    [Fact]
    public void Undefined_symbols_are_listed_once_in_ordinal_order()
    {
        Assert.Equal(["AppendExceptionStackFrame", "RhpNewFast", "SystemNative_GetTimestamp", "sqrt"], ImportDriftCheck.UndefinedSymbols(LinkerOutput));
    }

    [Fact]
    public void Output_without_undefined_symbols_gives_none()
    {
        Assert.Empty(ImportDriftCheck.UndefinedSymbols("ld.lld: error: unable to find library -lfoo\nld.lld: error: section .text overlaps .data"));
    }

    [Theory]
    [InlineData("RhpNewFast", true)]
    [InlineData("RhGetThreadStaticStorage", true)]
    [InlineData("SystemNative_Read", true)]
    [InlineData("sqrt", false)]
    [InlineData("AppendExceptionStackFrame", false)]
    [InlineData("MinnowStart", false)]
    public void Runtime_imports_are_the_Rh_and_SystemNative_families(string symbol, bool runtime)
    {
        Assert.Equal(runtime, ImportDriftCheck.IsRuntimeImport(symbol));
    }

    [Fact]
    public void Description_separates_runtime_imports_from_other_symbols()
    {
        string description = ImportDriftCheck.Describe(ImportDriftCheck.UndefinedSymbols(LinkerOutput));

        Assert.Equal(
            """
            ilc's code needs 2 runtime import(s) that Minnow does not export (the runtime contract drifted, or the program uses a platform call Minnow lacks):
              RhpNewFast
              SystemNative_GetTimestamp
            2 other undefined symbol(s):
              AppendExceptionStackFrame
              sqrt
            """.ReplaceLineEndings("\n"),
            description);
    }

    [Fact]
    public void Description_of_only_other_symbols_has_no_runtime_part()
    {
        Assert.Equal("1 other undefined symbol(s):\n  memcpy", ImportDriftCheck.Describe(["memcpy"]));
    }

    [Fact]
    public void Linking_the_stubs_alone_names_what_CSharp_must_provide()
    {
        string work = RepositoryPaths.CreateWorkDirectory("import-drift");
        string stubs = Path.Combine(work, "stubs.o");
        File.WriteAllBytes(stubs, StubCatalog.BuildObject());
        var toolchain = Toolchain.Locate(RepositoryPaths.Root);

        var error = Assert.Throws<BuildException>(() =>
            ImageLinker.Link(toolchain, [stubs], Path.Combine(work, "stubs.elf"), Path.Combine(work, "stubs.map"), stripDebug: true, work));

        // Real ld.lld output, parsed: the runtime part names CoreLib's resolver, the rest Minnow's C# entry points.
        string[] lines = error.Message.Split('\n');
        int other = Array.FindIndex(lines, l => l.Contains("other undefined symbol(s)"));
        Assert.StartsWith("ilc's code needs 1 runtime import(s)", lines[0]);
        Assert.Equal("  RhpCidResolve", lines[1]);
        Assert.True(other > 1, error.Message);
        Assert.Contains("  MinnowStart", lines[other..]);
        Assert.Contains("  MinnowInterrupt", lines[other..]);
        Assert.Contains("  GetRuntimeException", lines[other..]);
        Assert.DoesNotContain(lines, l => l.Contains("__minnow_bss_start")); // the linker script defines those
    }
}
