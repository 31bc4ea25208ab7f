namespace Minnow.Qemu.Symbolization;

/// <summary>
/// Reads DW_EH_PE_* encoded pointers (LSB "Exception Frame" spec): the low nibble is the format
/// (absptr, uleb128, udata2/4/8, sleb128, sdata2/4/8), the high bits what it is relative to. Only
/// absolute, pc-relative and aligned can be resolved from .eh_frame alone; the others need the
/// text/data/function base, which linkers never use for x86-64 FDEs.
/// </summary>
internal static class DwarfPointerEncoding
{
    public const byte Omit = 0xff;
    public const byte Absolute = 0x00;

    private const byte PcRelative = 0x10;
    private const byte Aligned = 0x50;
    private const byte Indirect = 0x80;

    /// <param name="cursor">Positioned at the encoded value.</param>
    /// <param name="bufferAddress">Virtual address of the cursor's offset 0 (for pc-relative values).</param>
    /// <param name="valueOnly">Read the number without applying its base (FDE address ranges, or fields being skipped).</param>
    public static ulong Read(ref ByteCursor cursor, byte encoding, ulong bufferAddress, bool valueOnly = false)
    {
        if (encoding == Omit)
            return 0;
        if ((encoding & 0x70) == Aligned)
            cursor.Seek(Math.Min((cursor.Position + 7) & ~7, cursor.Length));
        ulong fieldAddress = bufferAddress + (ulong)cursor.Position;
        ulong value = (encoding & 0x0f) switch
        {
            0x00 => cursor.ReadUInt64(), // absptr: pointer-sized, 8 bytes on x86-64
            0x01 => cursor.ReadULeb128(),
            0x02 => cursor.ReadUInt16(),
            0x03 => cursor.ReadUInt32(),
            0x04 => cursor.ReadUInt64(),
            0x09 => (ulong)cursor.ReadSLeb128(),
            0x0a => (ulong)(short)cursor.ReadUInt16(),
            0x0b => (ulong)(long)cursor.ReadInt32(),
            0x0c => cursor.ReadUInt64(),
            _ => throw cursor.Error($"pointer encoding 0x{encoding:x2} has an unknown value format"),
        };
        if (valueOnly)
            return value;
        if ((encoding & Indirect) != 0)
            throw cursor.Error($"pointer encoding 0x{encoding:x2} is indirect, which needs the running program's memory");
        return (encoding & 0x70) switch
        {
            Absolute or Aligned => value,
            PcRelative => unchecked(value + fieldAddress),
            _ => throw cursor.Error($"pointer encoding 0x{encoding:x2} is relative to a text, data or function base that .eh_frame does not give"),
        };
    }
}
