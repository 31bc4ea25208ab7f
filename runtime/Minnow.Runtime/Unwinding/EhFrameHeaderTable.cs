using System.Buffers.Binary;

namespace Minnow.Runtime.Unwinding;

/// <summary>
/// The binary-search table of .eh_frame_hdr (LSB "Exception Frames"; ld.lld --eh-frame-hdr): one
/// (initial location, FDE address) pair per FDE, sorted by location, each a 4-byte value relative to
/// the header's start. Finding a method's FDE is then O(log n), with nothing built at run time.
/// </summary>
internal readonly struct EhFrameHeaderTable
{
    private const byte Version = 1;
    private const byte TableEncoding = DwarfPointerEncoding.DataRelative | DwarfPointerEncoding.SData4;
    private const int EntrySize = 8;

    private readonly ulong _header;
    private readonly ulong _table;

    private EhFrameHeaderTable(ulong header, ulong table, int count)
    {
        _header = header;
        _table = table;
        Count = count;
    }

    public int Count { get; }
    public bool IsValid => _table != 0;
    /// <summary>Where the table's <see cref="Count"/> 8-byte entries start.</summary>
    public ulong TableAddress => _table;

    /// <summary>Validates the header (its bytes, at <paramref name="header"/>); an invalid table when it is not the layout ld.lld writes.</summary>
    public static EhFrameHeaderTable Parse(ReadOnlySpan<byte> headerBytes, ulong header)
    {
        var cursor = new DwarfCursor(headerBytes, header);
        byte version = cursor.ReadUInt8();
        byte frameEncoding = cursor.ReadUInt8();
        byte countEncoding = cursor.ReadUInt8();
        byte tableEncoding = cursor.ReadUInt8();
        cursor.ReadEncodedPointer(frameEncoding, header);
        ulong count = cursor.ReadEncodedPointer(countEncoding, header);
        if (cursor.Failed || version != Version || tableEncoding != TableEncoding || count > int.MaxValue)
            return default;
        return new EhFrameHeaderTable(header, cursor.Address, (int)count);
    }

    /// <summary>The FDE whose range may contain <paramref name="pc"/> (the last one starting at or before it), or 0.</summary>
    /// <param name="table">The table's bytes (at <see cref="TableAddress"/>).</param>
    public ulong FindEntry(ReadOnlySpan<byte> table, ulong pc)
    {
        int low = 0, high = Count - 1, found = -1;
        while (low <= high)
        {
            int middle = low + (high - low) / 2;
            if (InitialLocation(table, middle) <= pc)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found < 0 ? 0 : _header + (ulong)(long)ReadInt32(table, found * EntrySize + 4);
    }

    private ulong InitialLocation(ReadOnlySpan<byte> table, int index) => _header + (ulong)(long)ReadInt32(table, index * EntrySize);

    private static int ReadInt32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadInt32LittleEndian(data.Slice(offset, 4));
}
