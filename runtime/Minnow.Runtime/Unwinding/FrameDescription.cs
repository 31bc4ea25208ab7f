namespace Minnow.Runtime.Unwinding;

/// <summary>
/// One FDE of .eh_frame with what it needs from its CIE: the code range, the LSDA (ilc's unwind
/// block in .dotnet_eh_table) and where the CIE's initial and the FDE's own CFA instructions lie
/// (as offsets into the section). Only the "zLR"/"zR"/"z" augmentations ilc and compilers emit for
/// x86-64 are accepted; anything else leaves the description invalid.
/// </summary>
internal readonly struct FrameDescription
{
    public ulong PcBegin { get; init; }
    public ulong PcEnd { get; init; }
    public ulong Lsda { get; init; }
    public ulong CodeAlignment { get; init; }
    public long DataAlignment { get; init; }
    public int ReturnAddressColumn { get; init; }
    public int InitialInstructionsOffset { get; init; }
    public int InitialInstructionsLength { get; init; }
    public int InstructionsOffset { get; init; }
    public int InstructionsLength { get; init; }

    public bool IsValid => PcEnd > PcBegin;
    public bool Contains(ulong pc) => pc >= PcBegin && pc < PcEnd;

    /// <summary>Parses the FDE at <paramref name="fdeOffset"/> in <paramref name="section"/> (the whole .eh_frame, at <paramref name="sectionAddress"/>).</summary>
    public static FrameDescription Parse(ReadOnlySpan<byte> section, ulong sectionAddress, int fdeOffset)
    {
        var fde = new DwarfCursor(section, sectionAddress, fdeOffset);
        uint length = fde.ReadUInt32();
        int idPosition = fde.Position;
        uint ciePointer = fde.ReadUInt32();
        if (fde.Failed || length == 0 || length == 0xFFFF_FFFF || length > (uint)(section.Length - idPosition) || ciePointer == 0)
            return default;
        int end = idPosition + (int)length;
        int cieOffset = idPosition - (int)ciePointer;
        if (cieOffset < 0 || ciePointer > (uint)idPosition)
            return default;

        var cie = new DwarfCursor(section, sectionAddress, cieOffset);
        uint cieLength = cie.ReadUInt32();
        int cieIdPosition = cie.Position;
        if (cie.Failed || cieLength == 0 || cieLength == 0xFFFF_FFFF || cieLength > (uint)(section.Length - cieIdPosition) || cie.ReadUInt32() != 0)
            return default;
        int cieEnd = cieIdPosition + (int)cieLength;
        byte version = cie.ReadUInt8();
        if (version is not (1 or 3))
            return default;
        // Augmentation string: 'z' first, then L (LSDA encoding) and R (FDE pointer encoding) in any order.
        bool hasAugmentationData = false, unknownLetter = false;
        Span<byte> letters = stackalloc byte[8];
        int letterCount = 0;
        for (byte c = cie.ReadUInt8(); c != 0 && !cie.Failed; c = cie.ReadUInt8())
        {
            if (letterCount == 0 && c == (byte)'z')
                hasAugmentationData = true;
            else if (letterCount < letters.Length && (c == (byte)'L' || c == (byte)'R'))
                letters[letterCount] = c;
            else
                unknownLetter = true;
            letterCount++;
        }
        if (unknownLetter || (letterCount > 0 && !hasAugmentationData))
            return default;
        ulong codeAlignment = cie.ReadULeb128();
        long dataAlignment = cie.ReadSLeb128();
        int returnAddressColumn = version == 1 ? cie.ReadUInt8() : (int)cie.ReadULeb128();
        byte lsdaEncoding = DwarfPointerEncoding.Omit, pointerEncoding = DwarfPointerEncoding.AbsolutePointer;
        if (hasAugmentationData)
        {
            ulong augmentationLength = cie.ReadULeb128();
            int augmentationEnd = cie.Position + (int)augmentationLength;
            for (int i = 1; i < letterCount; i++)
            {
                if (letters[i] == (byte)'L')
                    lsdaEncoding = cie.ReadUInt8();
                else
                    pointerEncoding = cie.ReadUInt8();
            }
            cie.Seek(augmentationEnd);
        }
        if (cie.Failed || cie.Position > cieEnd)
            return default;

        ulong pcBegin = fde.ReadEncodedPointer(pointerEncoding);
        ulong pcRange = fde.ReadEncodedPointer((byte)(pointerEncoding & 0x0F));
        ulong lsda = 0;
        if (hasAugmentationData)
        {
            ulong augmentationLength = fde.ReadULeb128();
            int augmentationEnd = fde.Position + (int)augmentationLength;
            if (lsdaEncoding != DwarfPointerEncoding.Omit && augmentationLength > 0)
                lsda = fde.ReadEncodedPointer(lsdaEncoding);
            fde.Seek(augmentationEnd);
        }
        if (fde.Failed || fde.Position > end || pcBegin + pcRange < pcBegin)
            return default;

        return new FrameDescription
        {
            PcBegin = pcBegin,
            PcEnd = pcBegin + pcRange,
            Lsda = lsda,
            CodeAlignment = codeAlignment,
            DataAlignment = dataAlignment,
            ReturnAddressColumn = returnAddressColumn,
            InitialInstructionsOffset = cie.Position,
            InitialInstructionsLength = cieEnd - cie.Position,
            InstructionsOffset = fde.Position,
            InstructionsLength = end - fde.Position,
        };
    }
}
