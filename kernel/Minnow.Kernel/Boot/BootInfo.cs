namespace Minnow.Kernel.Boot;

/// <summary>What the loader told us, validated once at boot.</summary>
public static unsafe class BootInfo
{
    private static PvhStartInfo* s_startInfo;

    public static bool IsValid { get; private set; }

    /// <summary>The kernel command line as the loader gave it (NUL-terminated, ASCII), or null.</summary>
    public static byte* CommandLine { get; private set; }

    public static ulong RsdpAddress => IsValid ? s_startInfo->RsdpAddress : 0;

    public static int MemoryMapEntryCount =>
        IsValid && s_startInfo->Version >= 1 && s_startInfo->MemoryMapAddress != 0 ? (int)s_startInfo->MemoryMapEntries : 0;

    public static PvhMemoryMapEntry MemoryMapEntry(int index) => ((PvhMemoryMapEntry*)s_startInfo->MemoryMapAddress)[index];

    public static void Initialize(ulong startInfoAddress)
    {
        s_startInfo = (PvhStartInfo*)startInfoAddress;
        IsValid = startInfoAddress != 0 && s_startInfo->Magic == PvhStartInfo.ExpectedMagic;
        CommandLine = IsValid && s_startInfo->CommandLineAddress != 0 ? (byte*)s_startInfo->CommandLineAddress : null;
    }
}
