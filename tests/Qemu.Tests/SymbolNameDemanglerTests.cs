using System.Text.RegularExpressions;
using Minnow.Qemu.Symbolization;

namespace Minnow.Qemu.Tests;

public class SymbolNameDemanglerTests
{
    // Names as ilc 10.0.12 emitted them for Fixtures/ilc-repro (and CoreLib); the readable forms
    // follow the metadata names .NET's own stack traces use.
    [Theory]
    [InlineData("S_P_CoreLib_System_String__Concat_0", "System.String.Concat")]
    [InlineData("String__Concat_10", "System.String.Concat")]
    [InlineData("Hello_Program__Main", "Program.Main")]
    [InlineData("repro_Repro_Shapes_Program__Main", "Repro.Shapes.Program.Main")]
    [InlineData("repro_Repro_Shapes_Program__Deep", "Repro.Shapes.Program.Deep")]
    [InlineData("repro_Repro_Shapes_Program__Middle<Int32>", "Repro.Shapes.Program.Middle<System.Int32>")]
    [InlineData("repro_Repro_Shapes_Program___c__DisplayClass2_0___Main_g__Fault_0", "Repro.Shapes.Program.<>c__DisplayClass2_0.<Main>g__Fault|0")]
    [InlineData("repro_Repro_Shapes_Program___c__DisplayClass2_0___Main_b__1", "Repro.Shapes.Program.<>c__DisplayClass2_0.<Main>b__1")]
    [InlineData("repro_Repro_Shapes_Box_1<repro_Repro_Shapes_Square>__Measure", "Repro.Shapes.Box<Repro.Shapes.Square>.Measure")]
    [InlineData("repro_Repro_Shapes_Box_1<repro_Repro_Shapes_Square>___cctor", "Repro.Shapes.Box<Repro.Shapes.Square>..cctor")]
    [InlineData("repro_Repro_Shapes_Box_1_Inner<repro_Repro_Shapes_Square>__Twice", "Repro.Shapes.Box<Repro.Shapes.Square>.Inner.Twice")]
    [InlineData("repro_Repro_Shapes_Program__Numbers_d__3__MoveNext", "Repro.Shapes.Program.<Numbers>d__3.MoveNext")]
    [InlineData("repro_Repro_Shapes_Program__Numbers_d__3__System_IDisposable_Dispose", "Repro.Shapes.Program.<Numbers>d__3.System.IDisposable.Dispose")]
    [InlineData("repro_Repro_Shapes_Program__Numbers_d__3__System_Collections_Generic_IEnumerator_System_Int32__get_Current",
        "Repro.Shapes.Program.<Numbers>d__3.System.Collections.Generic.IEnumerator<System.Int32>.get_Current")]
    [InlineData("repro__Module___StartupCodeMain", "<Module>.StartupCodeMain")]
    [InlineData("S_P_CoreLib__Module____cctor", "<Module>..cctor")]
    [InlineData("S_P_CoreLib_System_Text_EncoderFallbackException___ctor_3", "System.Text.EncoderFallbackException..ctor")]
    [InlineData("S_P_CoreLib_System_Version___TryFormatCore_g__ThrowArgumentException_35_0<Char>", "System.Version.<TryFormatCore>g__ThrowArgumentException|35_0<System.Char>")]
    [InlineData("S_P_CoreLib_System_Buffers_SharedArrayPool_1___c<Char>___InitializeTlsBucketsAndTrimming_b__11_0",
        "System.Buffers.SharedArrayPool<System.Char>.<>c.<InitializeTlsBucketsAndTrimming>b__11_0")]
    [InlineData("S_P_CoreLib_System_Collections_Concurrent_ConcurrentUnifier_2<Int32__System___Canon>__GetOrAdd",
        "System.Collections.Concurrent.ConcurrentUnifier<System.Int32, System.__Canon>.GetOrAdd")]
    [InlineData("S_P_CoreLib_System_Text_UTF8Encoding_UTF8EncodingSealed__GetBytesForSmallInput", "System.Text.UTF8Encoding.UTF8EncodingSealed.GetBytesForSmallInput")]
    [InlineData("S_P_Reflection_Execution_Internal_Reflection_Execution_ExecutionEnvironmentImplementation__ComputeLdftnReverseLookup_InvokeMap",
        "Internal.Reflection.Execution.ExecutionEnvironmentImplementation.ComputeLdftnReverseLookup_InvokeMap")]
    [InlineData("Int16__System_IConvertible_ToInt16", "System.Int16.System.IConvertible.ToInt16")]
    [InlineData("UInt8__ToString_2", "System.Byte.ToString")]
    [InlineData("System_Console_System_ConsolePal__Write", "System.ConsolePal.Write")]
    [InlineData("unbox_Int32__Equals", "System.Int32.Equals (unboxing stub)")]
    [InlineData("<Boxed>S_P_CoreLib_System_ReadOnlySpan_1<System___Canon>__<unbox>S_P_CoreLib_System_ReadOnlySpan_1__GetHashCode",
        "System.ReadOnlySpan<System.__Canon>.GetHashCode (boxed)")]
    [InlineData("__GetGCStaticBase_S_P_CoreLib_System_Text_UTF8Encoding", "GC static base of System.Text.UTF8Encoding")]
    [InlineData("__GetNonGCStaticBase_repro_Repro_Shapes_Box_1<repro_Repro_Shapes_Square>", "non-GC static base of Repro.Shapes.Box<Repro.Shapes.Square>")]
    [InlineData("__DelegateCtor_S_P_CoreLib_System_Delegate__InitializeClosedInstance__repro_Repro_Shapes_Program___c__DisplayClass2_0___Main_b__1",
        "delegate constructor for Repro.Shapes.Program.<>c__DisplayClass2_0.<Main>b__1")]
    [InlineData("_ZN3WKS7gc_heap18relocate_survivorsEiPh", "WKS::gc_heap::relocate_survivors")]
    [InlineData("_ZN14NATIVE_CONTEXT3R11Ev", "NATIVE_CONTEXT::R11")]
    [InlineData("_Z37Ref_ScanDependentHandlesForRelocationjjP11ScanContextPFvPP6ObjectS0_jE", "Ref_ScanDependentHandlesForRelocation")]
    [InlineData("_ZNSt6vectorIiSaIiEE9push_backERKi", "_ZNSt6vectorIiSaIiEE9push_backERKi")] // templates: left to addr2line -C
    [InlineData("main", "main")]
    [InlineData("_start", "_start")]
    [InlineData("RhpNewFast", "RhpNewFast")]
    [InlineData("SystemNative_GetPid", "SystemNative_GetPid")]
    [InlineData("__libc_start_main", "__libc_start_main")]
    [InlineData("minnow_pvh_entry32", "minnow_pvh_entry32")]
    [InlineData("", "")]
    public void ToReadable(string raw, string expected)
    {
        Assert.Equal(expected, new SymbolNameDemangler().ToReadable(raw));
    }

    [Fact]
    public void KnownAssemblyNames_MakeTheAssemblySplitExact()
    {
        var guessing = new SymbolNameDemangler();
        var knowing = new SymbolNameDemangler(["Hello.App", "Minnow.Kernel"]);

        // The namespace repeats the assembly name: the guess gets it right anyway.
        Assert.Equal("Minnow.Kernel.Memory.PageAllocator.Allocate", guessing.ToReadable("Minnow_Kernel_Minnow_Kernel_Memory_PageAllocator__Allocate_1"));
        Assert.Equal("Minnow.Kernel.Memory.PageAllocator.Allocate", knowing.ToReadable("Minnow_Kernel_Minnow_Kernel_Memory_PageAllocator__Allocate_1"));
        // It does not: only the list knows where "Hello.App" ends.
        Assert.Equal("App.Program.Main", guessing.ToReadable("Hello_App_Program__Main"));
        Assert.Equal("Program.Main", knowing.ToReadable("Hello_App_Program__Main"));
    }

    [Fact]
    public void EveryFunctionInTheNativeAotImage_GetsAReadableName()
    {
        var demangler = new SymbolNameDemangler();
        var results = FixtureFiles.IlcImage.Symbols
            .Where(s => s.Type == ElfSymbolType.Function && s.IsDefined)
            .Select(s => (Raw: s.Name, Readable: demangler.ToReadable(s.Name)))
            .ToList();
        Assert.True(results.Count > 200);

        foreach ((string raw, string readable) in results)
        {
            Assert.False(string.IsNullOrWhiteSpace(readable), raw);
            Assert.Equal(readable, demangler.ToReadable(raw));
            if (raw.StartsWith("S_P_CoreLib_", StringComparison.Ordinal))
                Assert.Matches("^(System|Internal|Interop|Microsoft|<Module>)[.]", readable);
            if (raw.StartsWith("repro_", StringComparison.Ordinal))
                Assert.Matches("^(Repro[.]Shapes|<Module>)[.]", readable);
            if (Regex.IsMatch(raw, "^[A-Za-z][A-Za-z0-9_]*__[A-Za-z_]"))
                Assert.NotEqual(raw, readable); // every "<type>__<method>" name is demangled
        }
    }
}
