namespace Minnow.Runtime.Modules;

/// <summary>
/// ilc's per-module header (a contract with ilc 10.0.12): "RTR", version 16.0, then rows of
/// {u32 id, u32 flags, u64 start, u64 end}. Flag bit 0 says the row has an end pointer.
/// </summary>
internal static unsafe class ReadyToRunHeader
{
    public const uint Signature = 0x00525452;
    public const ushort MajorVersion = 16;
    private const int RowsOffset = 0x10;
    private const uint HasEndPointer = 1;

    public static bool IsValid(byte* header) =>
        header != null && *(uint*)header == Signature && *(ushort*)(header + 4) == MajorVersion && header[0xE] >= 24;

    /// <summary>Start of section <paramref name="id"/>, its length in <paramref name="length"/>; 0 when absent.</summary>
    public static nint FindSection(byte* header, int id, out int length)
    {
        length = 0;
        if (!IsValid(header))
            return 0;
        int rows = *(ushort*)(header + 0xC);
        int rowSize = header[0xE];
        for (int i = 0; i < rows; i++)
        {
            byte* row = header + RowsOffset + i * rowSize;
            if (*(int*)row != id)
                continue;
            ulong start = *(ulong*)(row + 8);
            length = (*(uint*)(row + 4) & HasEndPointer) != 0 ? (int)(*(ulong*)(row + 16) - start) : 8;
            return (nint)start;
        }
        return 0;
    }
}
