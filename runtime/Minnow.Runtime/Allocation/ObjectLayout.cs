namespace Minnow.Runtime.Allocation;

/// <summary>
/// The object and MethodTable layout ilc 10.0.12 compiles against (a contract with the compiler,
/// see shared/notes/gc-and-threads.md): an object reference points at its MethodTable pointer, the
/// header word sits just before it, arrays and strings keep a 32-bit length at +8.
/// </summary>
internal static unsafe class ObjectLayout
{
    public const int HeaderSize = 8;
    public const int LengthOffset = 8;
    public const uint HasComponentSizeFlag = 0x8000_0000;
    public const uint HasPointersFlag = 0x0100_0000;
    public const uint HasFinalizerFlag = 0x0010_0000;
    public const uint MinimumObjectSize = 24;

    public static uint Flags(void* methodTable) => *(uint*)methodTable;

    public static uint BaseSize(void* methodTable) => ((uint*)methodTable)[1];

    public static uint ComponentSize(void* methodTable)
    {
        uint flags = Flags(methodTable);
        return (flags & HasComponentSizeFlag) != 0 ? flags & 0xFFFF : 0;
    }

    /// <summary>Bytes for an array or string of <paramref name="length"/> elements, or 0 on overflow.</summary>
    public static ulong ArraySize(void* methodTable, ulong length)
    {
        ulong size = BaseSize(methodTable) + length * ComponentSize(methodTable);
        if (size > int.MaxValue * 2UL)
            return 0;
        return (size + 7) & ~7UL;
    }
}
