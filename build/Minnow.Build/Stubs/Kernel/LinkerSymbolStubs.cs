using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Kernel;

/// <summary>Functions that return linker-script addresses, since C# cannot name a linker symbol.</summary>
public static class LinkerSymbolStubs
{
    private static readonly (string Function, string Symbol)[] s_symbols =
    {
        ("minnow_image_start", "__minnow_image_start"),
        ("minnow_image_end", "__minnow_image_end"),
        ("minnow_text_end", "__minnow_text_end"),
        ("minnow_tls_start", "__minnow_tls_start"),
        ("minnow_tls_end", "__minnow_tls_end"),
        ("minnow_boot_stack_guard", PvhBootStub.StackGuardSymbol),
        ("minnow_boot_stack_top", PvhBootStub.StackTopSymbol),
        ("minnow_interrupt_entry_table", InterruptEntryStubs.TableSymbol),
        ("minnow_modules_start", "__start___modules"),
        ("minnow_modules_end", "__stop___modules"),
        ("minnow_managedcode_start", "__start___managedcode"),
        ("minnow_managedcode_end", "__stop___managedcode"),
        ("minnow_eh_frame_start", "__eh_frame_start"),
        ("minnow_eh_frame_end", "__eh_frame_end"),
        ("minnow_interface_dispatch_stub", "RhpInitialDynamicInterfaceDispatch"),
        ("minnow_eh_frame_hdr_start", "__eh_frame_hdr_start"),
        ("minnow_dotnet_eh_table_start", "__dotnet_eh_table_start"),
        ("minnow_dotnet_eh_table_end", "__dotnet_eh_table_end"),
    };

    public static void Emit(StubObjectBuilder s)
    {
        foreach (var (function, symbol) in s_symbols)
            s.Function(function, a => { a.mov(rax, s.AddressOf(symbol)); a.ret(); });

        // cpuid(leaf, subleaf, uint* eax_ebx_ecx_edx); rbx is callee-saved.
        s.Function("minnow_cpuid", a =>
        {
            a.push(rbx);
            a.mov(r8, rdx);
            a.mov(eax, edi);
            a.mov(ecx, esi);
            a.cpuid();
            a.mov(__dword_ptr[r8], eax);
            a.mov(__dword_ptr[r8 + 4], ebx);
            a.mov(__dword_ptr[r8 + 8], ecx);
            a.mov(__dword_ptr[r8 + 12], edx);
            a.pop(rbx);
            a.ret();
        });
    }
}
