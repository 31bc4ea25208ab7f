namespace Minnow.Runtime.Allocation;

/// <summary>
/// The object and MethodTable layout ilc 10.0.12 compiles against (a contract with the compiler,
/// see shared/notes/gc-and-threads.md): an object reference points at its MethodTable pointer, the
/// header word sits just before it, arrays and strings keep a 32-bit length at +8. Pure memory reads,
/// so the host tests compile this file too.
/// </summary>
internal static unsafe class ObjectLayout
{
    public const int HeaderSize = 8;
    public const int LengthOffset = 8;
    public const uint HasComponentSizeFlag = 0x8000_0000;
    public const uint HasPointersFlag = 0x0100_0000;
    public const uint HasFinalizerFlag = 0x0010_0000;
    public const uint HasDispatchMapFlag = 0x0004_0000;
    public const uint MinimumObjectSize = 24;

    /// <summary>
    /// Bit of the header's upper half (the int at obj-4) that GC.SuppressFinalize sets: the stock
    /// runtime's BIT_SBLK_FINALIZER_RUN. It does not overlap the hash-code or thin-lock bits.
    /// </summary>
    public const int FinalizerRunBit = 0x4000_0000;

    private const int NumVtableSlotsOffset = 16;
    private const int NumInterfacesOffset = 18;
    private const int VtableOffset = 24;

    public static uint Flags(void* methodTable) => *(uint*)methodTable;

    public static uint BaseSize(void* methodTable) => ((uint*)methodTable)[1];

    public static uint ComponentSize(void* methodTable)
    {
        uint flags = Flags(methodTable);
        return (flags & HasComponentSizeFlag) != 0 ? flags & 0xFFFF : 0;
    }

    public static bool HasPointers(void* methodTable) => (Flags(methodTable) & HasPointersFlag) != 0;

    public static bool HasFinalizer(void* methodTable) => (Flags(methodTable) & HasFinalizerFlag) != 0;

    public static void* MethodTableOf(void* obj) => *(void**)obj;

    /// <summary>Bytes for an array or string of <paramref name="length"/> elements, or 0 on overflow.</summary>
    public static ulong ArraySize(void* methodTable, ulong length)
    {
        ulong size = BaseSize(methodTable) + length * ComponentSize(methodTable);
        if (size > int.MaxValue * 2UL)
            return 0;
        return (size + 7) & ~7UL;
    }

    /// <summary>The bytes an allocated object occupies, header included, as the allocator rounded it.</summary>
    public static ulong ObjectSize(void* obj)
    {
        void* methodTable = MethodTableOf(obj);
        ulong size = BaseSize(methodTable);
        uint componentSize = ComponentSize(methodTable);
        if (componentSize != 0)
            size += (ulong)*(uint*)((byte*)obj + LengthOffset) * componentSize;
        size = (size + 7) & ~7UL;
        return size < MinimumObjectSize ? MinimumObjectSize : size;
    }

    /// <summary>The upper half of the object's header word (hash code, thin lock, finalizer bit).</summary>
    public static int* HeaderBits(void* obj) => (int*)((byte*)obj - 4);

    /// <summary>
    /// The finalizer's entry point. After the vtable and the interface list, a canonical type carries
    /// 32-bit self-relative pointers: type manager indirection, writable data, the dispatch map (only
    /// with HasDispatchMap), then the finalizer (only with HasFinalizer) - ilc 10's MethodTable layout
    /// (Internal.Runtime.MethodTable.GetFieldOffset, ETF_Finalizer).
    /// </summary>
    public static void* FinalizerCode(void* methodTable)
    {
        uint flags = Flags(methodTable);
        if ((flags & HasFinalizerFlag) == 0)
            return null;
        byte* mt = (byte*)methodTable;
        ulong offset = VtableOffset + 8UL * *(ushort*)(mt + NumVtableSlotsOffset) + 8UL * *(ushort*)(mt + NumInterfacesOffset);
        offset += 4 + 4;
        if ((flags & HasDispatchMapFlag) != 0)
            offset += 4;
        int* relative = (int*)(mt + offset);
        return (byte*)relative + *relative;
    }
}
