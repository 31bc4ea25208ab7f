using System.Buffers.Binary;

namespace Minnow.Runtime.Unwinding;

/// <summary>
/// Reads the little-endian, LEB128 and DW_EH_PE-encoded values of .eh_frame, .eh_frame_hdr and ilc's
/// .dotnet_eh_table from a span that lies at <see cref="BaseAddress"/> in memory (pc-relative values
/// need it). Never allocates and never throws: reading past the end sets <see cref="Failed"/> and
/// yields 0, so a decoder checks once at the end of a record rather than after every field.
/// </summary>
internal ref struct DwarfCursor
{
    private readonly ReadOnlySpan<byte> _data;

    public DwarfCursor(ReadOnlySpan<byte> data, ulong baseAddress, int position = 0)
    {
        _data = data;
        BaseAddress = baseAddress;
        Position = position;
        Failed = position < 0 || position > data.Length;
    }

    public ulong BaseAddress { get; }
    public int Position { get; private set; }
    public bool Failed { get; private set; }
    public int Length => _data.Length;
    public ulong Address => BaseAddress + (ulong)Position;

    public void Seek(int position)
    {
        if (position < 0 || position > _data.Length)
            Failed = true;
        else
            Position = position;
    }

    public void Skip(int count) => Seek(Position + count);

    public byte ReadUInt8() => (byte)ReadLittleEndian(1);
    public ushort ReadUInt16() => (ushort)ReadLittleEndian(2);
    public uint ReadUInt32() => (uint)ReadLittleEndian(4);
    public int ReadInt32() => (int)ReadLittleEndian(4);
    public ulong ReadUInt64() => ReadLittleEndian(8);

    public ulong ReadULeb128()
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = ReadUInt8();
            if (Failed)
                return 0;
            if (shift < 64)
                value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return value;
        }
    }

    public long ReadSLeb128()
    {
        long value = 0;
        int shift = 0;
        byte b;
        do
        {
            b = ReadUInt8();
            if (Failed)
                return 0;
            if (shift < 64)
                value |= (long)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0)
            value |= -1L << shift;
        return value;
    }

    /// <summary>
    /// A DW_EH_PE-encoded pointer: absolute, pc-relative (to the field) or data-relative (to
    /// <paramref name="dataBase"/>, as .eh_frame_hdr's table uses); indirect and text/function-relative
    /// encodings never appear in what ld.lld and ilc emit for x86-64 and are refused.
    /// </summary>
    public ulong ReadEncodedPointer(byte encoding, ulong dataBase = 0)
    {
        if (encoding == DwarfPointerEncoding.Omit)
            return 0;
        ulong fieldAddress = Address;
        ulong value = (encoding & 0x0F) switch
        {
            DwarfPointerEncoding.AbsolutePointer => ReadUInt64(),
            DwarfPointerEncoding.ULeb128 => ReadULeb128(),
            DwarfPointerEncoding.UData2 => ReadUInt16(),
            DwarfPointerEncoding.UData4 => ReadUInt32(),
            DwarfPointerEncoding.UData8 => ReadUInt64(),
            DwarfPointerEncoding.SLeb128 => (ulong)ReadSLeb128(),
            DwarfPointerEncoding.SData2 => (ulong)(short)ReadUInt16(),
            DwarfPointerEncoding.SData4 => (ulong)ReadInt32(),
            DwarfPointerEncoding.SData8 => ReadUInt64(),
            _ => Fail(),
        };
        return (encoding & 0x70) switch
        {
            DwarfPointerEncoding.Absolute => value,
            DwarfPointerEncoding.PcRelative => fieldAddress + value,
            DwarfPointerEncoding.DataRelative => dataBase + value,
            _ => Fail(),
        };
    }

    private ulong ReadLittleEndian(int size)
    {
        if (Failed || Position > _data.Length - size)
            return Fail();
        ReadOnlySpan<byte> field = _data.Slice(Position, size);
        Position += size;
        return size switch
        {
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(field),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(field),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(field),
        };
    }

    private ulong Fail()
    {
        Failed = true;
        return 0;
    }
}
