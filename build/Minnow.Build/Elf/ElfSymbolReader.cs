using System.Buffers.Binary;
using System.Text;

namespace Minnow.Build.Elf;

/// <summary>Reads the symbol table of an ELF64 little-endian object (what ilc writes).</summary>
public static class ElfSymbolReader
{
    private const ushort UndefinedSection = 0;

    /// <summary>The names of the global symbols <paramref name="objectPath"/> uses but does not define.</summary>
    public static IReadOnlyList<string> UndefinedSymbols(string objectPath)
    {
        byte[] file = File.ReadAllBytes(objectPath);
        if (file.Length < 64 || !file.AsSpan(0, 4).SequenceEqual((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']) || file[4] != 2 || file[5] != 1)
            throw new BuildException($"{objectPath} is not a 64-bit little-endian ELF object");
        ulong sectionOffset = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(0x28));
        int sectionSize = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(0x3A));
        int sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(0x3C));
        var names = new List<string>();
        for (int i = 0; i < sectionCount; i++)
        {
            var header = Slice(file, sectionOffset + (ulong)(i * sectionSize), 64);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != ElfConstants.SectionSymTab)
                continue;
            ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(header[0x18..]);
            ulong size = BinaryPrimitives.ReadUInt64LittleEndian(header[0x20..]);
            int link = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]);
            var strings = Slice(file, sectionOffset + (ulong)(link * sectionSize), 64);
            ulong stringsOffset = BinaryPrimitives.ReadUInt64LittleEndian(strings[0x18..]);
            ulong stringsSize = BinaryPrimitives.ReadUInt64LittleEndian(strings[0x20..]);
            var table = Slice(file, stringsOffset, stringsSize);
            for (ulong at = 24; at + 24 <= size; at += 24)
            {
                var symbol = Slice(file, offset + at, 24);
                byte bind = (byte)(symbol[4] >> 4);
                ushort section = BinaryPrimitives.ReadUInt16LittleEndian(symbol[6..]);
                uint name = BinaryPrimitives.ReadUInt32LittleEndian(symbol);
                if (section != UndefinedSection || bind == ElfConstants.BindLocal || name == 0 || name >= table.Length)
                    continue;
                int end = table[(int)name..].IndexOf((byte)0);
                names.Add(Encoding.UTF8.GetString(table.Slice((int)name, end < 0 ? table.Length - (int)name : end)));
            }
        }
        return names;
    }

    private static ReadOnlySpan<byte> Slice(byte[] file, ulong offset, ulong length) =>
        offset + length <= (ulong)file.Length && offset + length >= offset
            ? file.AsSpan((int)offset, (int)length)
            : throw new BuildException("a truncated ELF object (a section lies past its end)");
}
