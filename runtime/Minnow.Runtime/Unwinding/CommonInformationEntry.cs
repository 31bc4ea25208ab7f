namespace Minnow.Runtime.Unwinding;

/// <summary>
/// A CIE of .eh_frame: what every FDE that points to it shares (alignment factors, the return-address
/// column, pointer encodings, initial CFA instructions). Only the "z" augmentations with L and R, which
/// ilc and compilers emit for x86-64, are accepted; anything else leaves the entry invalid.
/// </summary>
internal readonly struct CommonInformationEntry
{
    public int Offset { get; init; }
    public ulong CodeAlignment { get; init; }
    public long DataAlignment { get; init; }
    public int ReturnAddressColumn { get; init; }
    public bool HasAugmentationData { get; init; }
    public byte LsdaEncoding { get; init; }
    public byte PointerEncoding { get; init; }
    public int InitialInstructionsOffset { get; init; }
    public int InitialInstructionsLength { get; init; }

    public bool IsValid => CodeAlignment != 0;

    /// <summary>Parses the CIE at <paramref name="offset"/> in <paramref name="section"/> (the whole .eh_frame, at <paramref name="sectionAddress"/>).</summary>
    public static CommonInformationEntry Parse(ReadOnlySpan<byte> section, ulong sectionAddress, int offset)
    {
        var cie = new DwarfCursor(section, sectionAddress, offset);
        uint length = cie.ReadUInt32();
        int idPosition = cie.Position;
        if (cie.Failed || length == 0 || length == 0xFFFF_FFFF || length > (uint)(section.Length - idPosition) || cie.ReadUInt32() != 0)
            return default;
        int end = idPosition + (int)length;
        byte version = cie.ReadUInt8();
        if (version is not (1 or 3))
            return default;
        // Augmentation string: 'z' first, then L (LSDA encoding) and R (FDE pointer encoding) in any order.
        ulong letters = 0;
        int letterCount = 0;
        for (byte c = cie.ReadUInt8(); c != 0 && !cie.Failed; c = cie.ReadUInt8())
        {
            bool known = letterCount == 0 ? c == (byte)'z' : c is (byte)'L' or (byte)'R';
            if (!known || letterCount == 8)
                return default;
            letters |= (ulong)c << (8 * letterCount++);
        }
        ulong codeAlignment = cie.ReadULeb128();
        long dataAlignment = cie.ReadSLeb128();
        int returnAddressColumn = version == 1 ? cie.ReadUInt8() : (int)Math.Min(cie.ReadULeb128(), int.MaxValue);
        byte lsdaEncoding = DwarfPointerEncoding.Omit, pointerEncoding = DwarfPointerEncoding.AbsolutePointer;
        if (letterCount > 0)
        {
            ulong augmentationLength = cie.ReadULeb128();
            int augmentationEnd = cie.Position + (int)Math.Min(augmentationLength, int.MaxValue);
            for (int i = 1; i < letterCount; i++)
            {
                if ((byte)(letters >> (8 * i)) == (byte)'L')
                    lsdaEncoding = cie.ReadUInt8();
                else
                    pointerEncoding = cie.ReadUInt8();
            }
            cie.Seek(augmentationEnd);
        }
        if (cie.Failed || cie.Position > end || codeAlignment == 0)
            return default;
        return new CommonInformationEntry
        {
            Offset = offset,
            CodeAlignment = codeAlignment,
            DataAlignment = dataAlignment,
            ReturnAddressColumn = returnAddressColumn,
            HasAugmentationData = letterCount > 0,
            LsdaEncoding = lsdaEncoding,
            PointerEncoding = pointerEncoding,
            InitialInstructionsOffset = cie.Position,
            InitialInstructionsLength = end - cie.Position,
        };
    }
}
