using System.Runtime.InteropServices;

namespace Minnow.Kernel.Boot;

/// <summary>
/// Addresses the linker script defines (build/Minnow.Build/Linking/image.ld). C# cannot name a
/// linker symbol, so a generated stub returns each one.
/// </summary>
public static unsafe class LinkerSymbols
{
    [DllImport("minnow", EntryPoint = "minnow_image_start"), SuppressGCTransition] public static extern ulong ImageStart();
    [DllImport("minnow", EntryPoint = "minnow_image_end"), SuppressGCTransition] public static extern ulong ImageEnd();
    [DllImport("minnow", EntryPoint = "minnow_tls_start"), SuppressGCTransition] public static extern ulong TlsStart();
    [DllImport("minnow", EntryPoint = "minnow_tls_end"), SuppressGCTransition] public static extern ulong TlsEnd();
    [DllImport("minnow", EntryPoint = "minnow_boot_stack_guard"), SuppressGCTransition] public static extern ulong BootStackGuard();
    [DllImport("minnow", EntryPoint = "minnow_boot_stack_top"), SuppressGCTransition] public static extern ulong BootStackTop();
    [DllImport("minnow", EntryPoint = "minnow_text_end"), SuppressGCTransition] public static extern ulong TextEnd();
    [DllImport("minnow", EntryPoint = "minnow_modules_start"), SuppressGCTransition] public static extern nint* ModulesStart();
    [DllImport("minnow", EntryPoint = "minnow_modules_end"), SuppressGCTransition] public static extern nint* ModulesEnd();
    [DllImport("minnow", EntryPoint = "minnow_interrupt_entry_table"), SuppressGCTransition] public static extern ulong* InterruptEntryTable();
    [DllImport("minnow", EntryPoint = "minnow_managedcode_start"), SuppressGCTransition] public static extern ulong ManagedCodeStart();
    [DllImport("minnow", EntryPoint = "minnow_managedcode_end"), SuppressGCTransition] public static extern ulong ManagedCodeEnd();
    [DllImport("minnow", EntryPoint = "minnow_eh_frame_start"), SuppressGCTransition] public static extern ulong EhFrameStart();
    [DllImport("minnow", EntryPoint = "minnow_eh_frame_end"), SuppressGCTransition] public static extern ulong EhFrameEnd();
    [DllImport("minnow", EntryPoint = "minnow_eh_frame_hdr_start"), SuppressGCTransition] public static extern ulong EhFrameHeaderStart();
    [DllImport("minnow", EntryPoint = "minnow_dotnet_eh_table_start"), SuppressGCTransition] public static extern ulong DotnetEhTableStart();
    [DllImport("minnow", EntryPoint = "minnow_dotnet_eh_table_end"), SuppressGCTransition] public static extern ulong DotnetEhTableEnd();
}
