namespace Minnow.Runtime.Unwinding;

/// <summary>
/// ilc's variable-length unsigned integers (NativeFormat VarUInt, as in its EH info): the count of
/// trailing one bits in the first byte gives the number of extra bytes (0-3), and 0x0F means a plain
/// little-endian uint32 follows.
/// </summary>
internal static class NativeFormatReader
{
    public static uint ReadVarUInt(ref DwarfCursor cursor)
    {
        uint b0 = cursor.ReadUInt8();
        if ((b0 & 1) == 0)
            return b0 >> 1;
        if ((b0 & 2) == 0)
            return (b0 >> 2) | ((uint)cursor.ReadUInt8() << 6);
        if ((b0 & 4) == 0)
            return (b0 >> 3) | ((uint)cursor.ReadUInt8() << 5) | ((uint)cursor.ReadUInt8() << 13);
        if ((b0 & 8) == 0)
            return (b0 >> 4) | ((uint)cursor.ReadUInt8() << 4) | ((uint)cursor.ReadUInt8() << 12) | ((uint)cursor.ReadUInt8() << 20);
        return cursor.ReadUInt32();
    }
}
