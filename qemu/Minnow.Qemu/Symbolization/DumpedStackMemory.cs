namespace Minnow.Qemu.Symbolization;

/// <summary>
/// The stack words from a panic report as readable memory; any address outside the dump fails to
/// read. A read that straddles two dumped words is assembled from both.
/// </summary>
public sealed class DumpedStackMemory : IMemoryReader
{
    private readonly Dictionary<ulong, ulong> _words = new();

    public DumpedStackMemory(IEnumerable<StackWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        foreach (StackWord word in words)
            _words[word.Address] = word.Value; // a later line wins, as it was printed later
    }

    public bool TryReadUInt64(ulong address, out ulong value)
    {
        if (_words.TryGetValue(address, out value))
            return true;
        for (int skew = 1; skew < 8; skew++)
        {
            ulong start = unchecked(address - (ulong)skew);
            if (_words.TryGetValue(start, out ulong first) && _words.TryGetValue(unchecked(start + 8), out ulong second))
            {
                value = (first >> (skew * 8)) | (second << (64 - skew * 8));
                return true;
            }
        }
        value = 0;
        return false;
    }
}
