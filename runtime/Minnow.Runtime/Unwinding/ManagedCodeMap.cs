using Minnow.Kernel.Boot;

namespace Minnow.Runtime.Unwinding;

/// <summary>
/// The image's managed code (ilc's __managedcode section) and the data that describes it: .eh_frame
/// (DWARF CFI, one FDE per main body and per funclet), its .eh_frame_hdr lookup table,
/// .dotnet_eh_table (the FDEs' LSDAs) and the EH clause blobs those point to. Found through linker-script symbols and validated on first
/// use; a malformed table makes every lookup fail, which the callers report loudly.
/// </summary>
internal static unsafe class ManagedCodeMap
{
    private static bool s_initialized;
    private static ulong s_codeStart, s_codeEnd;
    private static ulong s_ehFrame;
    private static int s_ehFrameLength;
    private static ulong s_ehTable;
    private static int s_ehTableLength;
    private static EhFrameHeaderTable s_lookup;
    private static ulong s_image;
    private static int s_imageLength;

    public static ReadOnlySpan<byte> EhFrame => new((void*)s_ehFrame, s_ehFrameLength);
    public static ulong EhFrameAddress => s_ehFrame;
    public static ReadOnlySpan<byte> EhTable => new((void*)s_ehTable, s_ehTableLength);
    public static ulong EhTableAddress => s_ehTable;

    /// <summary>The whole image: ilc puts EH clause blobs in .data (they hold relocated type pointers), not in .dotnet_eh_table.</summary>
    public static ReadOnlySpan<byte> Image
    {
        get
        {
            EnsureInitialized();
            return new((void*)s_image, s_imageLength);
        }
    }

    public static ulong ImageAddress => s_image;

    /// <summary>Whether <paramref name="pc"/> lies in compiled managed code (CoreLib, the program, Minnow's C#).</summary>
    public static bool Contains(ulong pc)
    {
        EnsureInitialized();
        return pc >= s_codeStart && pc < s_codeEnd;
    }

    /// <summary>The method (main body or funclet) whose code contains <paramref name="pc"/>.</summary>
    public static bool TryFindMethod(ulong pc, out MethodInfo method)
    {
        method = default;
        if (!Contains(pc) || !s_lookup.IsValid)
            return false;
        if (UnwindCache.TryGetMethod(pc, out method))
            return true;
        var table = new ReadOnlySpan<byte>((void*)s_lookup.TableAddress, s_lookup.Count * 8);
        ulong fde = s_lookup.FindEntry(table, pc);
        if (fde < s_ehFrame || fde >= s_ehFrame + (ulong)s_ehFrameLength)
            return false;
        var description = FrameDescription.Parse(EhFrame, s_ehFrame, (int)(fde - s_ehFrame));
        if (!description.IsValid || !description.Contains(pc) || description.Lsda == 0)
            return false;
        var block = UnwindBlock.Decode(EhTable, s_ehTable, description.Lsda, description.PcBegin);
        if (!block.IsValid)
            return false;
        method.FdeOffset = (int)(fde - s_ehFrame);
        method.Flags = block.Flags;
        method.MainFlags = block.MainFlags;
        method.CodeStart = description.PcBegin;
        method.MainStart = block.MainStart;
        method.EhInfo = block.EhInfo;
        UnwindCache.AddMethod(pc, method);
        return true;
    }

    private static void EnsureInitialized()
    {
        if (s_initialized)
            return;
        s_codeStart = LinkerSymbols.ManagedCodeStart();
        s_codeEnd = LinkerSymbols.ManagedCodeEnd();
        s_ehFrame = LinkerSymbols.EhFrameStart();
        s_ehFrameLength = (int)(LinkerSymbols.EhFrameEnd() - s_ehFrame);
        s_ehTable = LinkerSymbols.DotnetEhTableStart();
        s_ehTableLength = (int)(LinkerSymbols.DotnetEhTableEnd() - s_ehTable);
        s_image = LinkerSymbols.ImageStart();
        s_imageLength = (int)(LinkerSymbols.ImageEnd() - s_image);
        ulong header = LinkerSymbols.EhFrameHeaderStart();
        // The header's fixed part is at most 4 bytes plus two 8-byte pointers.
        s_lookup = EhFrameHeaderTable.Parse(new ReadOnlySpan<byte>((void*)header, 20), header);
        s_initialized = true;
    }
}
