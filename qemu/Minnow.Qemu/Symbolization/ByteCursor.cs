using System.Buffers.Binary;
using System.Text;

namespace Minnow.Qemu.Symbolization;

/// <summary>
/// Bounds-checked little-endian reads over a byte buffer (ELF tables, .eh_frame). Every overrun
/// becomes an <see cref="ElfFormatException"/> that names what was being read and where, so
/// truncated or garbage input fails with a message rather than a crash.
/// </summary>
internal struct ByteCursor
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly string _what;

    public ByteCursor(ReadOnlyMemory<byte> data, string what, int position = 0)
    {
        _data = data;
        _what = what;
        Position = position;
        if ((uint)position > (uint)data.Length)
            throw new ElfFormatException($"{what}: offset 0x{position:x} is outside its {data.Length} bytes");
    }

    public int Position { get; private set; }

    public readonly int Length => _data.Length;

    public readonly int Remaining => _data.Length - Position;

    public void Seek(int position)
    {
        if ((uint)position > (uint)_data.Length)
            throw new ElfFormatException($"{_what}: offset 0x{position:x} is outside its {_data.Length} bytes");
        Position = position;
    }

    public byte ReadUInt8() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public ReadOnlyMemory<byte> ReadBytes(int count)
    {
        Require(count);
        ReadOnlyMemory<byte> slice = _data.Slice(Position, count);
        Position += count;
        return slice;
    }

    public void Skip(int count) => Require(count, advance: true);

    /// <summary>Unsigned LEB128, as DWARF uses for register numbers, offsets and lengths.</summary>
    public ulong ReadULeb128()
    {
        ulong result = 0;
        int shift = 0;
        while (true)
        {
            byte b = ReadUInt8();
            if (shift < 64)
                result |= (ulong)(b & 0x7f) << shift;
            else if ((b & 0x7f) != 0)
                throw Error("LEB128 value does not fit in 64 bits");
            shift += 7;
            if ((b & 0x80) == 0)
                return result;
        }
    }

    /// <summary>Signed LEB128 (data alignment factors, DW_CFA_*_sf operands).</summary>
    public long ReadSLeb128()
    {
        long result = 0;
        int shift = 0;
        byte b;
        do
        {
            b = ReadUInt8();
            if (shift < 64)
                result |= (long)(b & 0x7f) << shift;
            else if ((b & 0x7f) != 0 && (b & 0x7f) != 0x7f)
                throw Error("LEB128 value does not fit in 64 bits");
            shift += 7;
        }
        while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0)
            result |= -1L << shift;
        return result;
    }

    /// <summary>A NUL-terminated string (ASCII/UTF-8), such as a CIE augmentation string.</summary>
    public string ReadCString()
    {
        ReadOnlySpan<byte> rest = _data.Span[Position..];
        int end = rest.IndexOf((byte)0);
        if (end < 0)
            throw Error("string is not NUL-terminated");
        string value = Encoding.UTF8.GetString(rest[..end]);
        Position += end + 1;
        return value;
    }

    public readonly ElfFormatException Error(string message) =>
        new($"{_what}: {message} (at offset 0x{Position:x})");

    private ReadOnlySpan<byte> Take(int count)
    {
        Require(count);
        ReadOnlySpan<byte> span = _data.Span.Slice(Position, count);
        Position += count;
        return span;
    }

    private void Require(int count, bool advance = false)
    {
        if (count < 0 || count > Remaining)
            throw Error($"needs {count} bytes but only {Remaining} remain");
        if (advance)
            Position += count;
    }
}
