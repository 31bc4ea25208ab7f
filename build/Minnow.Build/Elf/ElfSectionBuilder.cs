namespace Minnow.Build.Elf;

/// <summary>One section of an object under construction: bytes (or a size, for .bss), symbols, relocations.</summary>
public sealed class ElfSectionBuilder
{
    private readonly List<byte> _bytes = new();
    private readonly List<ElfSymbolDefinition> _symbols = new();
    private readonly List<ElfRelocation> _relocations = new();
    private ulong _bssSize;

    internal ElfSectionBuilder(string name, ElfSectionKind kind, ulong alignment)
    {
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
            throw new ArgumentException($"section {name}: alignment {alignment} is not a power of two");
        Name = name;
        Kind = kind;
        Alignment = alignment;
    }

    public string Name { get; }
    public ElfSectionKind Kind { get; }
    public ulong Alignment { get; }
    /// <summary>Whether the section occupies no file bytes (.bss, .tbss).</summary>
    public bool IsNoBits => Kind is ElfSectionKind.Bss or ElfSectionKind.ThreadLocalBss;
    public ulong Size => IsNoBits ? _bssSize : (ulong)_bytes.Count;
    public IReadOnlyList<byte> Bytes => _bytes;
    public IReadOnlyList<ElfSymbolDefinition> Symbols => _symbols;
    public IReadOnlyList<ElfRelocation> Relocations => _relocations;

    /// <summary>Pads to <paramref name="alignment"/> and returns the new offset.</summary>
    public ulong Align(ulong alignment)
    {
        ulong aligned = (Size + alignment - 1) & ~(alignment - 1);
        Reserve(aligned - Size);
        return aligned;
    }

    /// <summary>Appends bytes (or, for .bss, reserves their size) and returns their offset.</summary>
    public ulong Append(ReadOnlySpan<byte> data)
    {
        ulong offset = Size;
        if (IsNoBits)
            _bssSize += (ulong)data.Length;
        else
            _bytes.AddRange(data.ToArray());
        return offset;
    }

    public ulong Reserve(ulong count)
    {
        ulong offset = Size;
        if (IsNoBits)
            _bssSize += count;
        else
            _bytes.AddRange(new byte[count]);
        return offset;
    }

    public void Define(string name, ulong offset, ulong size, byte type, bool global = true)
    {
        if (offset > Size)
            throw new ArgumentOutOfRangeException(nameof(offset), $"symbol {name} lies past the end of {Name}");
        _symbols.Add(new ElfSymbolDefinition(name, offset, size, type, global));
    }

    public void Relocate(ulong offset, string symbol, uint type, long addend)
    {
        if (IsNoBits)
            throw new InvalidOperationException($"section {Name} has no bytes to relocate");
        _relocations.Add(new ElfRelocation(offset, symbol, type, addend));
    }
}
