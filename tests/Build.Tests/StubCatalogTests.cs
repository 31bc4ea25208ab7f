using System.Text.RegularExpressions;
using Minnow.Build.Stubs;
using Minnow.Build.Stubs.Kernel;
using Minnow.Qemu.Symbolization;
using Minnow.TestSupport;

namespace Minnow.Build.Tests;

/// <summary>
/// StubCatalog.BuildObject: the symbols ilc's code, Minnow's runtime and the linker script expect
/// are there, with the right kind, and everything the stubs import has a provider.
/// </summary>
public sealed partial class StubCatalogTests
{
    /// <summary>Helpers ilc's code calls, entry points, and what the kernel calls through P/Invoke.</summary>
    public static TheoryData<string> Functions() => Data(
        "minnow_pvh_entry32", "minnow_pvh_entry64",
        "RhpAssignRef", "RhpCheckedAssignRef", "RhpByRefAssignRef", "RhpCheckedLockCmpXchg", "RhpCheckedXchg",
        "RhpInitialDynamicInterfaceDispatch", "RhpStackProbe", "RhpPInvoke", "RhpPInvokeReturn",
        "RhpReversePInvoke", "RhpReversePInvokeReturn", "RhpGcPoll", "memmove", "memset",
        "minnow_classlib_function_table", "minnow_interrupt_entry_table", "minnow_cpuid", "minnow_inb", "minnow_outb",
        "minnow_read_cr2", "minnow_lidt", "minnow_halt_forever", "minnow_image_end", "minnow_managedcode_start");

    /// <summary>Data ilc's code reads (the GC poll flag, the /GS cookie) and tables the kernel reads.</summary>
    public static TheoryData<string, ulong> DataObjects() => new()
    {
        { "RhpTrapThreads", 4 },
        { "__security_cookie", 8 },
        { InterruptEntryStubs.TableSymbol, InterruptEntryStubs.VectorCount * 8 },
        { "minnow_classlib_functions", 12 * 8 },
    };

    /// <summary>CoreLib's unmanaged exports that the stubs call or list (stable names in .NET 10).</summary>
    private static readonly string[] CoreLibExports =
    [
        "RhpCidResolve", "GetRuntimeException", "RuntimeFailFast", "ThreadEntryPoint", "AppendExceptionStackFrame",
        "GetSystemArrayEEType", "OnFirstChanceException", "OnUnhandledException", "ProcessFinalizers",
        // CoreLib's managed exception dispatcher and stack-trace walker, entered from the throw stubs.
        "RhThrowEx", "RhRethrow", "RhThrowHwEx", "RhpCalculateStackTraceWorker",
        // CoreLib's finalizer loop (System.Runtime.__Finalizer), run by the collector's finalizer thread.
        "ProcessFinalizers",
    ];

    [Theory]
    [MemberData(nameof(Functions))]
    public void Defines_function(string name)
    {
        var symbol = StubObject.Symbol(name);

        Assert.True(symbol.IsDefined, $"{name} is not defined");
        Assert.Equal(ElfSymbolBinding.Global, symbol.Binding);
        Assert.Equal(ElfSymbolType.Function, symbol.Type);
        Assert.True(symbol.Size > 0, $"{name} is empty");
        Assert.True(StubObject.SectionOf(symbol).IsExecutable, $"{name} is not in an executable section");
    }

    [Theory]
    [MemberData(nameof(DataObjects))]
    public void Defines_writable_data_object(string name, ulong size)
    {
        var symbol = StubObject.Symbol(name);
        var section = StubObject.SectionOf(symbol);

        Assert.Equal(ElfSymbolBinding.Global, symbol.Binding);
        Assert.Equal(ElfSymbolType.Object, symbol.Type);
        Assert.Equal(size, symbol.Size);
        Assert.True((section.Flags & ElfSectionFlags.Write) != 0 && !section.IsExecutable, $"{name} is in {section.Name}");
    }

    public static TheoryData<string> InstructionSetNames() => Data(InstructionSets.Supported);

    [Theory]
    [MemberData(nameof(InstructionSetNames))]
    public void Every_supported_instruction_set_builds_with_the_same_exports(string instructionSet)
    {
        var elf = ElfImage.Parse(StubCatalog.BuildObject(instructionSet));
        var exports = elf.Symbols.Where(s => s.IsDefined && s.Binding == ElfSymbolBinding.Global).Select(s => s.Name).Order(StringComparer.Ordinal);

        Assert.Equal(StubObject.Elf.Symbols.Where(s => s.IsDefined && s.Binding == ElfSymbolBinding.Global).Select(s => s.Name).Order(StringComparer.Ordinal), exports);
    }

    [Fact]
    public void Unknown_instruction_set_is_refused()
    {
        var error = Assert.Throws<BuildException>(() => StubCatalog.BuildObject("x86-64-v9"));

        Assert.Contains("x86-64-v9", error.Message);
    }

    [Fact]
    public void Security_cookie_is_not_zero_and_the_gc_poll_flag_is()
    {
        Assert.NotEqual(new byte[8], StubObject.BytesOf("__security_cookie"));
        Assert.Equal(new byte[4], StubObject.BytesOf("RhpTrapThreads"));
    }

    [Fact]
    public void The_32_bit_entry_starts_boot_at_its_fixed_address()
    {
        var entry = StubObject.Symbol("minnow_pvh_entry32");
        var boot = StubObject.SectionOf(entry);

        Assert.Equal(".boot", boot.Name);
        Assert.Equal(0UL, entry.Value);
        Assert.Equal(4096UL, boot.Alignment);
        Assert.True(boot.Size <= PvhBootStub.BootSectionSize, $".boot is 0x{boot.Size:x} bytes");
        Assert.Matches(@"\. = 0x100000;\s*__minnow_image_start = \.;\s*\.boot :", Linking.ImageLinker.LinkerScript());
        Assert.Equal(0x100000u, PvhBootStub.LoadAddress);
    }

    [Fact]
    public void Linker_script_enters_at_the_32_bit_entry()
    {
        var entry = EntryPoint().Match(Linking.ImageLinker.LinkerScript());

        Assert.True(entry.Success, "image.ld has no ENTRY(...)");
        Assert.True(StubObject.Symbol(entry.Groups["symbol"].Value).IsDefined);
        Assert.Equal("minnow_pvh_entry32", entry.Groups["symbol"].Value);
    }

    [Fact]
    public void Boot_stack_has_a_guard_page_right_below_it()
    {
        var guard = StubObject.Symbol(PvhBootStub.StackGuardSymbol);
        var top = StubObject.Symbol(PvhBootStub.StackTopSymbol);

        Assert.Equal(".bss.minnow_stubs", StubObject.SectionOf(guard).Name);
        Assert.Equal(StubObject.SectionOf(guard).Index, StubObject.SectionOf(top).Index);
        Assert.Equal(4096UL, guard.Size);
        Assert.Equal(0UL, guard.Value % 4096);
        Assert.Equal(guard.Value + 4096 + PvhBootStub.StackSize, top.Value);
    }

    [Fact]
    public void Every_interrupt_entry_calls_the_kernel_handler_through_a_relocation()
    {
        for (int vector = 0; vector < InterruptEntryStubs.VectorCount; vector++)
        {
            string entry = $"minnow_interrupt_entry_{vector}";
            var relocations = StubObject.RelocationsIn(entry);
            var code = StubObject.BytesOf(entry);

            // The handler call (one per save path: XSAVE and FXSAVE), plus the extended-state size.
            var calls = relocations.Where(r => r.Symbol.Name == InterruptEntryStubs.HandlerSymbol).ToList();
            Assert.NotEmpty(calls);
            Assert.All(relocations, r => Assert.Contains(r.Symbol.Name, new[] { InterruptEntryStubs.HandlerSymbol, "minnow_extended_state_size" }));
            foreach (var relocation in calls)
            {
                Assert.False(relocation.Symbol.IsDefined);
                Assert.Equal(1u, relocation.Type); // R_X86_64_64
                // The relocated field is the imm64 of "mov rax, imm64" (REX.W B8).
                int at = (int)relocation.Offset;
                Assert.Equal([0x48, 0xB8], code[(at - 2)..at]);
            }
        }
    }

    [Fact]
    public void Interrupt_table_lists_each_entry_in_vector_order()
    {
        var table = StubObject.Symbol(InterruptEntryStubs.TableSymbol);
        var relocations = StubObject.RelocationsIn(InterruptEntryStubs.TableSymbol);

        Assert.Equal(InterruptEntryStubs.VectorCount, relocations.Count);
        for (int vector = 0; vector < InterruptEntryStubs.VectorCount; vector++)
        {
            var slot = Assert.Single(relocations, r => r.Offset == (ulong)vector * 8);
            Assert.Equal($"minnow_interrupt_entry_{vector}", slot.Symbol.Name);
            Assert.Equal(1u, slot.Type);
            Assert.Equal(0L, slot.Addend);
        }
        Assert.Equal(0UL, table.Value % 8);
    }

    [Fact]
    public void Classlib_table_names_CoreLibs_callbacks_in_the_bootstrappers_order()
    {
        var slots = StubObject.RelocationsIn("minnow_classlib_functions").ToDictionary(r => r.Offset / 8, r => r.Symbol.Name);

        Assert.Equal(new Dictionary<ulong, string>
        {
            [0] = "GetRuntimeException", [1] = "RuntimeFailFast", [2] = "ThreadEntryPoint", [3] = "AppendExceptionStackFrame",
            [5] = "GetSystemArrayEEType", [6] = "OnFirstChanceException", [7] = "OnUnhandledException",
        }, slots);
    }

    [Fact]
    public void Every_import_has_a_provider()
    {
        string script = Linking.ImageLinker.LinkerScript();
        var scriptSymbols = ScriptAssignment().Matches(script).Select(m => m.Groups["symbol"].Value).ToHashSet();
        foreach (Match section in ScriptOutputSection().Matches(script))
        {
            scriptSymbols.Add("__start_" + section.Groups["section"].Value);
            scriptSymbols.Add("__stop_" + section.Groups["section"].Value);
        }
        var csharpExports = MinnowExports();

        var imports = StubObject.Elf.Symbols.Where(s => !s.IsDefined).Select(s => s.Name).ToList();
        var unprovided = imports.Where(name => !scriptSymbols.Contains(name) && !csharpExports.Contains(name) && !CoreLibExports.Contains(name)).ToList();

        Assert.Contains("MinnowStart", imports);
        Assert.Contains(InterruptEntryStubs.HandlerSymbol, imports);
        Assert.True(unprovided.Count == 0,
            "the stubs import symbols that neither image.ld, Minnow's C# ([RuntimeExport]/[UnmanagedCallersOnly]) nor CoreLib provide: " + string.Join(", ", unprovided));
    }

    /// <summary>Names Minnow's runtime, kernel and drivers export to native code.</summary>
    private static HashSet<string> MinnowExports()
    {
        var exports = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in new[] { "runtime", "kernel", "drivers" }.Select(f => RepositoryPaths.Combine(f)).Where(Directory.Exists))
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
                foreach (Match match in ExportAttribute().Matches(File.ReadAllText(file)))
                    exports.Add(match.Groups["symbol"].Value);
        return exports;
    }

    private static TheoryData<string> Data(params string[] values)
    {
        var data = new TheoryData<string>();
        foreach (var value in values)
            data.Add(value);
        return data;
    }

    [GeneratedRegex(@"ENTRY\((?<symbol>\w+)\)")]
    private static partial Regex EntryPoint();

    [GeneratedRegex(@"(?<symbol>\b[A-Za-z_]\w*)\s*=\s*[^=]")]
    private static partial Regex ScriptAssignment();

    [GeneratedRegex(@"^\s*(?<section>[A-Za-z_.][\w.]*)\s*(\(NOLOAD\)\s*)?:", RegexOptions.Multiline)]
    private static partial Regex ScriptOutputSection();

    [GeneratedRegex(@"(RuntimeExport\(\s*""|EntryPoint\s*=\s*"")(?<symbol>\w+)""")]
    private static partial Regex ExportAttribute();
}
