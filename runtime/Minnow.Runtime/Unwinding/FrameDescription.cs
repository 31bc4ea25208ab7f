namespace Minnow.Runtime.Unwinding;

/// <summary>
/// One FDE of .eh_frame: the code range it describes, its LSDA (for ilc code, the unwind block in
/// .dotnet_eh_table) and where its CFA instructions lie (offsets into the section). Decoding needs
/// the FDE's CIE, found with <see cref="CieOffsetOf"/>, which callers may cache: ilc emits one CIE.
/// </summary>
internal readonly struct FrameDescription
{
    public ulong PcBegin { get; init; }
    public ulong PcEnd { get; init; }
    public ulong Lsda { get; init; }
    public int InstructionsOffset { get; init; }
    public int InstructionsLength { get; init; }

    public bool IsValid => PcEnd > PcBegin;
    public bool Contains(ulong pc) => pc >= PcBegin && pc < PcEnd;

    /// <summary>The offset of the CIE the FDE at <paramref name="fdeOffset"/> points to, or -1 when that is not an FDE.</summary>
    public static int CieOffsetOf(ReadOnlySpan<byte> section, int fdeOffset)
    {
        var fde = new DwarfCursor(section, 0, fdeOffset);
        uint length = fde.ReadUInt32();
        int idPosition = fde.Position;
        uint ciePointer = fde.ReadUInt32();
        if (fde.Failed || length == 0 || length == 0xFFFF_FFFF || ciePointer == 0 || ciePointer > (uint)idPosition)
            return -1;
        return idPosition - (int)ciePointer;
    }

    /// <summary>Parses the FDE at <paramref name="fdeOffset"/> in <paramref name="section"/> (the whole .eh_frame, at <paramref name="sectionAddress"/>).</summary>
    public static FrameDescription Parse(ReadOnlySpan<byte> section, ulong sectionAddress, int fdeOffset, in CommonInformationEntry cie)
    {
        if (!cie.IsValid || CieOffsetOf(section, fdeOffset) != cie.Offset)
            return default;
        var fde = new DwarfCursor(section, sectionAddress, fdeOffset);
        uint length = fde.ReadUInt32();
        int end = fde.Position + (int)Math.Min(length, int.MaxValue);
        fde.Skip(4);
        ulong pcBegin = fde.ReadEncodedPointer(cie.PointerEncoding);
        ulong pcRange = fde.ReadEncodedPointer((byte)(cie.PointerEncoding & 0x0F));
        ulong lsda = 0;
        if (cie.HasAugmentationData)
        {
            ulong augmentationLength = fde.ReadULeb128();
            int augmentationEnd = fde.Position + (int)Math.Min(augmentationLength, int.MaxValue);
            if (cie.LsdaEncoding != DwarfPointerEncoding.Omit && augmentationLength > 0)
                lsda = fde.ReadEncodedPointer(cie.LsdaEncoding);
            fde.Seek(augmentationEnd);
        }
        if (fde.Failed || end > section.Length || fde.Position > end || pcBegin + pcRange < pcBegin)
            return default;
        return new FrameDescription
        {
            PcBegin = pcBegin,
            PcEnd = pcBegin + pcRange,
            Lsda = lsda,
            InstructionsOffset = fde.Position,
            InstructionsLength = end - fde.Position,
        };
    }
}
