using System.Runtime.InteropServices;
using Minnow.Runtime.Unwinding;

namespace Minnow.Runtime.ExceptionHandling;

/// <summary>
/// CoreLib's opaque EHEnum buffer (0x20 bytes on the dispatcher's stack): the position in one
/// method's EH clause blob. Clauses come innermost first, as ilc emits them and the dispatcher expects.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 0x20)]
internal unsafe struct EhEnumerator
{
    [FieldOffset(0x00)] private ulong _methodStart;
    [FieldOffset(0x08)] private ulong _next;
    [FieldOffset(0x10)] private uint _remaining;

    /// <summary>False when the method has no EH clauses.</summary>
    public bool Init(in MethodInfo method)
    {
        this = default;
        if (method.EhInfo == 0)
            return false;
        var cursor = Cursor(method.EhInfo);
        uint count = NativeFormatReader.ReadVarUInt(ref cursor);
        if (cursor.Failed)
            return false;
        _methodStart = method.MainStart;
        _next = cursor.Address;
        _remaining = count;
        return true;
    }

    public bool MoveNext(out EhClause clause)
    {
        clause = default;
        if (_remaining == 0)
            return false;
        var cursor = Cursor(_next);
        if (!EhClause.TryRead(ref cursor, _methodStart, out clause))
        {
            _remaining = 0;
            return false;
        }
        _next = cursor.Address;
        _remaining--;
        return true;
    }

    private static DwarfCursor Cursor(ulong address)
    {
        ReadOnlySpan<byte> image = ManagedCodeMap.Image;
        ulong start = ManagedCodeMap.ImageAddress;
        int position = address >= start ? (int)Math.Min(address - start, int.MaxValue) : -1;
        return new DwarfCursor(image, start, position);
    }
}
