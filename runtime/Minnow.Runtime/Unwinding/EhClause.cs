namespace Minnow.Runtime.Unwinding;

/// <summary>One exception-handling clause of a method, with addresses resolved.</summary>
internal struct EhClause
{
    /// <summary>CoreLib's RhEHClauseKind: catch by type, fault/finally, filter.</summary>
    public const uint KindTyped = 0;
    public const uint KindFault = 1;
    public const uint KindFilter = 2;

    public uint Kind;
    public uint TryStartOffset;
    public uint TryEndOffset;
    public ulong FilterAddress;
    public ulong HandlerAddress;
    public ulong TargetType;

    /// <summary>
    /// Decodes the next clause of an EH info blob (after its VarUInt count): try start, (try length
    /// &lt;&lt; 2 | kind), handler offset, then an int32 self-relative MethodTable pointer for a typed
    /// catch or a filter offset for a filter. Offsets count from <paramref name="methodStart"/>.
    /// </summary>
    public static bool TryRead(ref DwarfCursor cursor, ulong methodStart, out EhClause clause)
    {
        clause = default;
        uint tryStart = NativeFormatReader.ReadVarUInt(ref cursor);
        uint lengthAndKind = NativeFormatReader.ReadVarUInt(ref cursor);
        uint handler = NativeFormatReader.ReadVarUInt(ref cursor);
        clause.Kind = lengthAndKind & 3;
        clause.TryStartOffset = tryStart;
        clause.TryEndOffset = tryStart + (lengthAndKind >> 2);
        clause.HandlerAddress = methodStart + handler;
        if (clause.Kind == KindTyped)
        {
            ulong field = cursor.Address;
            clause.TargetType = field + (ulong)(long)cursor.ReadInt32();
        }
        else if (clause.Kind == KindFilter)
        {
            clause.FilterAddress = methodStart + NativeFormatReader.ReadVarUInt(ref cursor);
        }
        else if (clause.Kind != KindFault)
        {
            return false;
        }
        return !cursor.Failed;
    }
}
