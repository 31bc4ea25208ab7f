namespace Minnow.Qemu.Symbolization;

/// <summary>
/// Address-to-symbol lookup over an executable's functions: binary search over FUNC symbols sorted
/// by address. A FUNC symbol covers [value, value + size); one with size 0 (hand-written assembly
/// usually has no .size) covers up to the next symbol or the end of its section. NOTYPE labels in
/// executable sections (boot stubs, raw binary blobs) are a fallback used only when no function
/// covers the address. Values must be virtual addresses: use an executable, not a relocatable object.
/// </summary>
public sealed class SymbolTable
{
    private readonly Range[] _functions;
    private readonly Range[] _labels;
    private readonly Dictionary<string, ElfSymbol> _byName = new(StringComparer.Ordinal);

    public SymbolTable(IEnumerable<ElfSymbol> symbols, IReadOnlyList<ElfSection>? sections = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        List<ElfSymbol> all = symbols.Where(s => s.IsDefined && s.Name.Length > 0).ToList();
        foreach (ElfSymbol symbol in all)
            _byName.TryAdd(symbol.Name, symbol);

        List<ElfSymbol> functions = Preferred(all.Where(s => s.Type is ElfSymbolType.Function or ElfSymbolType.GnuIndirectFunction && s.HasSection));
        List<ElfSymbol> labels = sections is null
            ? []
            : Preferred(all.Where(s => s.Type == ElfSymbolType.NoType && s.HasSection && s.SectionIndex < sections.Count
                && sections[s.SectionIndex].IsExecutable && sections[s.SectionIndex].IsAllocated));

        ulong[] starts = functions.Concat(labels).Select(s => s.Value).Distinct().Order().ToArray();
        _functions = functions.Select(s => new Range(s.Value, EndOf(s, starts, sections), s)).ToArray();
        _labels = labels.Select(s => new Range(s.Value, EndOf(s, starts, sections), s)).ToArray();
        Functions = functions;
    }

    /// <summary>The FUNC symbols, one per address, sorted by address.</summary>
    public IReadOnlyList<ElfSymbol> Functions { get; }

    public static SymbolTable FromImage(ElfImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new SymbolTable(image.Symbols, image.Sections);
    }

    public bool TryLookup(ulong address, out SymbolLookup lookup) =>
        TryLookup(_functions, address, out lookup) || TryLookup(_labels, address, out lookup);

    public ElfSymbol? FindByName(string name) => _byName.GetValueOrDefault(name);

    private static bool TryLookup(Range[] ranges, ulong address, out SymbolLookup lookup)
    {
        int low = 0, high = ranges.Length - 1, last = -1;
        while (low <= high)
        {
            int middle = low + (high - low) / 2;
            if (ranges[middle].Start <= address)
            {
                last = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        // Usually the closest start covers the address; a few steps back handle a larger symbol
        // that encloses smaller ones.
        for (int i = last; i >= 0 && i > last - 8; i--)
        {
            if (address < ranges[i].End)
            {
                lookup = new SymbolLookup(ranges[i].Symbol, address - ranges[i].Start);
                return true;
            }
        }
        lookup = default;
        return false;
    }

    /// <summary>One symbol per address: sized over unsized, global over local, then by name for stable output.</summary>
    private static List<ElfSymbol> Preferred(IEnumerable<ElfSymbol> symbols) =>
        symbols.GroupBy(s => s.Value)
            .Select(g => g.OrderByDescending(s => s.Size > 0)
                .ThenByDescending(s => s.Binding != ElfSymbolBinding.Local)
                .ThenBy(s => s.Name, StringComparer.Ordinal)
                .First())
            .OrderBy(s => s.Value)
            .ToList();

    private static ulong EndOf(ElfSymbol symbol, ulong[] starts, IReadOnlyList<ElfSection>? sections)
    {
        if (symbol.Size > 0)
            return symbol.Value + symbol.Size;
        ulong end = ulong.MaxValue;
        int next = Array.BinarySearch(starts, symbol.Value);
        if (next >= 0 && next + 1 < starts.Length)
            end = starts[next + 1];
        if (sections is not null && symbol.SectionIndex < sections.Count)
        {
            ElfSection section = sections[symbol.SectionIndex];
            if (section.IsAllocated)
                end = Math.Min(end, section.Address + section.Size);
        }
        // Without section bounds, the last unsized symbol covers only its own first byte.
        return end == ulong.MaxValue ? symbol.Value + 1 : end;
    }

    private readonly record struct Range(ulong Start, ulong End, ElfSymbol Symbol);
}
