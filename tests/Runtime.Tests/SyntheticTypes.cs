using Minnow.Runtime.Allocation;

namespace Minnow.Runtime.Tests;

/// <summary>
/// Builds MethodTables in native memory the way ilc lays them out: flags and base size first, the
/// GCDesc growing down from just below the MethodTable. Kept alive (and freed) with the test.
/// </summary>
internal sealed unsafe class SyntheticTypes : IDisposable
{
    private readonly List<NativeBlock> _blocks = new();

    /// <summary>A type without references.</summary>
    public byte* Plain(uint baseSize) => Make(0, baseSize, 0, gcDescWords: []);

    /// <summary>An object of <paramref name="baseSize"/> bytes with reference runs (offset, count of references).</summary>
    public byte* WithReferences(uint baseSize, params (ulong Offset, ulong References)[] runs)
    {
        // Words from MT-8 downward: the series count, then {size, offset} pairs, highest first.
        var words = new List<ulong> { (ulong)runs.Length };
        foreach (var (offset, references) in runs)
        {
            words.Add(offset);
            words.Add(references * 8 - baseSize);
        }
        return Make(ObjectLayout.HasPointersFlag, baseSize, 0, words.ToArray());
    }

    /// <summary>An array of references (component size 8, base size 24): one series covering every element.</summary>
    public byte* ReferenceArray() =>
        Make(ObjectLayout.HasComponentSizeFlag | ObjectLayout.HasPointersFlag | (24u << 26), 24, 8, [1UL, 16UL, unchecked((ulong)-24L)]);

    /// <summary>An array of primitives (component size <paramref name="componentSize"/>).</summary>
    public byte* PrimitiveArray(ushort componentSize) => Make(ObjectLayout.HasComponentSizeFlag | (24u << 26), 24, componentSize, gcDescWords: []);

    /// <summary>An array of structs whose references follow the repeating (references, skip) pattern.</summary>
    public byte* StructArray(ushort elementSize, ulong firstOffset, params (uint References, uint Skip)[] items)
    {
        // MT-8: -count; MT-16: offset of the first run; items at MT-24, MT-32, ... as {u32 references, u32 skip}.
        var words = new List<ulong> { unchecked((ulong)-items.Length), firstOffset };
        foreach (var (references, skip) in items)
            words.Add(references | ((ulong)skip << 32));
        return Make(ObjectLayout.HasComponentSizeFlag | ObjectLayout.HasPointersFlag | (24u << 26), 24, elementSize, words.ToArray());
    }

    /// <summary>A raw MethodTable with the given GCDesc words (listed from MT-8 downward) and room after it.</summary>
    public byte* Make(uint flags, uint baseSize, ushort componentSize, ulong[] gcDescWords, int bytesAfter = 256)
    {
        ulong below = (ulong)gcDescWords.Length * 8;
        var block = new NativeBlock(below + (ulong)bytesAfter, 16);
        _blocks.Add(block);
        byte* mt = block.Start + below;
        for (int i = 0; i < gcDescWords.Length; i++)
            *(ulong*)(mt - 8 * (i + 1)) = gcDescWords[i];
        *(uint*)mt = flags | ((flags & ObjectLayout.HasComponentSizeFlag) != 0 ? componentSize : 0u);
        *(uint*)(mt + 4) = baseSize;
        return mt;
    }

    public void Dispose()
    {
        foreach (var block in _blocks)
            block.Dispose();
    }
}
