namespace Minnow.Qemu.Symbolization;

/// <summary>
/// The parsed .eh_frame of an executable: every CIE and FDE, the FDEs sorted by start address for
/// lookup. Parsing validates the whole section, so a malformed one fails here (ElfFormatException)
/// rather than halfway through an unwind. FDE addresses are resolved for the linked image; the
/// unrelocated .eh_frame of a relocatable object gives meaningless ranges.
/// </summary>
public sealed class EhFrameSection
{
    private readonly FrameDescriptionEntry[] _entries;

    private EhFrameSection(List<CommonInformationEntry> cies, List<FrameDescriptionEntry> entries)
    {
        CommonEntries = cies;
        _entries = entries.OrderBy(e => e.PcBegin).ToArray();
    }

    public IReadOnlyList<CommonInformationEntry> CommonEntries { get; }

    /// <summary>FDEs sorted by <see cref="FrameDescriptionEntry.PcBegin"/>.</summary>
    public IReadOnlyList<FrameDescriptionEntry> Entries => _entries;

    /// <summary>The image's .eh_frame, or an empty table when it has none (every lookup then fails).</summary>
    public static EhFrameSection FromImage(ElfImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        ElfSection? section = image.FindSection(".eh_frame");
        return section is null || !section.HasFileData
            ? new EhFrameSection([], [])
            : Parse(image.GetSectionData(section), section.Address);
    }

    /// <param name="data">The section's bytes.</param>
    /// <param name="sectionAddress">Its virtual address, the base of pc-relative pointers.</param>
    public static EhFrameSection Parse(ReadOnlyMemory<byte> data, ulong sectionAddress)
    {
        var cies = new Dictionary<int, CommonInformationEntry>();
        var entries = new List<FrameDescriptionEntry>();
        int offset = 0;
        while (data.Length - offset >= 4)
        {
            var cursor = new ByteCursor(data, ".eh_frame", offset);
            ulong length = cursor.ReadUInt32();
            if (length == 0)
                break; // the zero terminator the linker appends
            if (length == 0xffffffff)
                length = cursor.ReadUInt64();
            if (length < 4 || length > (ulong)cursor.Remaining)
                throw cursor.Error($"entry at 0x{offset:x} claims 0x{length:x} bytes but 0x{cursor.Remaining:x} remain");
            int end = cursor.Position + (int)length;
            int idPosition = cursor.Position;
            uint id = cursor.ReadUInt32();
            if (id == 0)
            {
                cies[offset] = ParseCie(data, sectionAddress, offset, cursor.Position, end);
            }
            else
            {
                // The CIE pointer counts back from its own position to the CIE's start.
                long cieOffset = idPosition - (long)id;
                if (cieOffset < 0)
                    throw cursor.Error($"FDE at 0x{offset:x} points before the section start");
                if (!cies.TryGetValue((int)cieOffset, out CommonInformationEntry? cie))
                {
                    cie = ParseCieAt(data, sectionAddress, (int)cieOffset);
                    cies[(int)cieOffset] = cie;
                }
                entries.Add(ParseFde(data, sectionAddress, offset, cie, cursor.Position, end));
            }
            offset = end;
        }
        return new EhFrameSection(cies.Values.OrderBy(c => c.Offset).ToList(), entries);
    }

    public FrameDescriptionEntry? FindEntry(ulong pc)
    {
        int low = 0, high = _entries.Length - 1, last = -1;
        while (low <= high)
        {
            int middle = low + (high - low) / 2;
            if (_entries[middle].PcBegin <= pc)
            {
                last = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        // An empty FDE can share its start with the real one: look back over equal starts.
        for (int i = last; i >= 0 && _entries[i].PcBegin == _entries[last].PcBegin; i--)
        {
            if (_entries[i].Contains(pc))
                return _entries[i];
        }
        return null;
    }

    /// <summary>Parses a CIE that an FDE refers to before the loop reached it (legal, though linkers put CIEs first).</summary>
    private static CommonInformationEntry ParseCieAt(ReadOnlyMemory<byte> data, ulong sectionAddress, int offset)
    {
        var cursor = new ByteCursor(data, ".eh_frame", offset);
        ulong length = cursor.ReadUInt32();
        if (length == 0xffffffff)
            length = cursor.ReadUInt64();
        if (length < 4 || length > (ulong)cursor.Remaining)
            throw cursor.Error($"CIE at 0x{offset:x} claims 0x{length:x} bytes but 0x{cursor.Remaining:x} remain");
        int end = cursor.Position + (int)length;
        if (cursor.ReadUInt32() != 0)
            throw cursor.Error($"an FDE's CIE pointer leads to 0x{offset:x}, which is not a CIE");
        return ParseCie(data, sectionAddress, offset, cursor.Position, end);
    }

    private static CommonInformationEntry ParseCie(ReadOnlyMemory<byte> data, ulong sectionAddress, int offset, int start, int end)
    {
        var cursor = new ByteCursor(data[..end], ".eh_frame CIE", start);
        byte version = cursor.ReadUInt8();
        if (version is not (1 or 3 or 4))
            throw cursor.Error($"CIE at 0x{offset:x} has unsupported version {version}");
        string augmentation = cursor.ReadCString();
        if (augmentation.Contains("eh", StringComparison.Ordinal))
            cursor.Skip(8); // old GCC "eh" data: a pointer to the exception table
        if (version == 4)
            cursor.Skip(2); // address_size, segment_selector_size
        ulong codeAlignment = cursor.ReadULeb128();
        long dataAlignment = cursor.ReadSLeb128();
        int returnAddressRegister = version == 1 ? cursor.ReadUInt8() : (int)Math.Min(cursor.ReadULeb128(), int.MaxValue);

        byte pointerEncoding = DwarfPointerEncoding.Absolute;
        byte lsdaEncoding = DwarfPointerEncoding.Omit;
        bool isSignalFrame = false;
        if (augmentation.StartsWith('z'))
        {
            ulong augmentationLength = cursor.ReadULeb128();
            if (augmentationLength > (ulong)cursor.Remaining)
                throw cursor.Error($"CIE at 0x{offset:x} augmentation data runs past the entry");
            int augmentationEnd = cursor.Position + (int)augmentationLength;
            foreach (char c in augmentation.AsSpan(1))
            {
                if (c == 'L')
                    lsdaEncoding = cursor.ReadUInt8();
                else if (c == 'R')
                    pointerEncoding = cursor.ReadUInt8();
                else if (c == 'P')
                    DwarfPointerEncoding.Read(ref cursor, cursor.ReadUInt8(), sectionAddress, valueOnly: true); // personality routine: not needed
                else if (c == 'S')
                    isSignalFrame = true;
                else if (c is not ('B' or 'G'))
                    break; // unknown letter: the "z" length lets us skip the rest safely
            }
            cursor.Seek(augmentationEnd);
        }
        else if (augmentation.Length > 0 && augmentation != "eh")
        {
            throw cursor.Error($"CIE at 0x{offset:x} has augmentation \"{augmentation}\" without 'z', so its layout is unknown");
        }

        return new CommonInformationEntry(
            offset, version, augmentation, codeAlignment, dataAlignment, returnAddressRegister,
            pointerEncoding, lsdaEncoding, isSignalFrame,
            data[cursor.Position..end], sectionAddress + (ulong)cursor.Position);
    }

    private static FrameDescriptionEntry ParseFde(ReadOnlyMemory<byte> data, ulong sectionAddress, int offset, CommonInformationEntry cie, int start, int end)
    {
        var cursor = new ByteCursor(data[..end], ".eh_frame FDE", start);
        ulong pcBegin = DwarfPointerEncoding.Read(ref cursor, cie.PointerEncoding, sectionAddress);
        ulong pcRange = DwarfPointerEncoding.Read(ref cursor, (byte)(cie.PointerEncoding & 0x0f), sectionAddress, valueOnly: true);
        if (cie.HasAugmentationData)
        {
            ulong augmentationLength = cursor.ReadULeb128();
            if (augmentationLength > (ulong)cursor.Remaining)
                throw cursor.Error($"FDE at 0x{offset:x} augmentation data runs past the entry");
            cursor.Skip((int)augmentationLength); // the LSDA pointer: only exception dispatch needs it
        }
        ulong pcEnd = unchecked(pcBegin + pcRange);
        if (pcEnd < pcBegin)
            throw cursor.Error($"FDE at 0x{offset:x} range 0x{pcBegin:x}+0x{pcRange:x} wraps around");
        return new FrameDescriptionEntry(offset, cie, pcBegin, pcEnd, data[cursor.Position..end], sectionAddress + (ulong)cursor.Position);
    }
}
