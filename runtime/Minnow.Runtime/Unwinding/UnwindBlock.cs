namespace Minnow.Runtime.Unwinding;

/// <summary>
/// ilc's per-method LSDA in .dotnet_eh_table, which NativeAOT calls the unwind block (10.0.12;
/// shared/notes/exception-dispatch.md §4). Byte 0 is flags. A funclet's block then holds an int32
/// self-relative pointer to its main body's block and an int32 "funclet start minus main start";
/// a main body's block holds an optional associated-data pointer, an optional EH-info pointer
/// (both int32 self-relative) and then the GC info.
/// </summary>
internal readonly struct UnwindBlock
{
    public const byte KindMask = 0x03;
    public const byte KindMain = 0;
    public const byte KindHandler = 1;
    public const byte KindFilter = 2;
    public const byte HasEhInfo = 0x04;
    public const byte ReversePInvoke = 0x08;
    public const byte HasAssociatedData = 0x10;

    public byte Flags { get; init; }
    /// <summary>The main body's flags (the same as <see cref="Flags"/> for a main body).</summary>
    public byte MainFlags { get; init; }
    /// <summary>Start of the main body, from which EH clause offsets count.</summary>
    public ulong MainStart { get; init; }
    /// <summary>The EH clause blob of the main body, or 0.</summary>
    public ulong EhInfo { get; init; }
    /// <summary>The main body's GC info (for a collector's stack scan; the EH walk does not need it).</summary>
    public ulong GcInfo { get; init; }

    public bool IsValid => MainStart != 0;

    /// <param name="table">.dotnet_eh_table's bytes, at <paramref name="tableAddress"/>.</param>
    /// <param name="block">The LSDA address from the FDE.</param>
    /// <param name="codeStart">The FDE's start: the funclet's or main body's first instruction.</param>
    public static UnwindBlock Decode(ReadOnlySpan<byte> table, ulong tableAddress, ulong block, ulong codeStart)
    {
        if (block < tableAddress || block - tableAddress >= (ulong)table.Length)
            return default;
        var cursor = new DwarfCursor(table, tableAddress, (int)(block - tableAddress));
        byte flags = cursor.ReadUInt8();
        byte mainFlags = flags;
        ulong mainBlock = block, mainStart = codeStart;
        if ((flags & KindMask) != KindMain)
        {
            ulong field = cursor.Address;
            mainBlock = field + (ulong)(long)cursor.ReadInt32();
            mainStart = codeStart - (ulong)(long)cursor.ReadInt32();
            if (cursor.Failed || mainBlock < tableAddress || mainBlock - tableAddress >= (ulong)table.Length)
                return default;
            cursor.Seek((int)(mainBlock - tableAddress));
            mainFlags = cursor.ReadUInt8();
            if ((mainFlags & KindMask) != KindMain)
                return default;
        }
        if ((mainFlags & HasAssociatedData) != 0)
            cursor.Skip(4);
        ulong ehInfo = 0;
        if ((mainFlags & HasEhInfo) != 0)
        {
            ulong field = cursor.Address;
            ehInfo = field + (ulong)(long)cursor.ReadInt32();
        }
        if (cursor.Failed)
            return default;
        return new UnwindBlock
        {
            Flags = flags,
            MainFlags = mainFlags,
            MainStart = mainStart,
            EhInfo = ehInfo,
            GcInfo = cursor.Address,
        };
    }
}
