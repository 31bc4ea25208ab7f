// Span<T>/ReadOnlySpan<T>/Memory<T>: slicing and ranges, stackalloc, MemoryMarshal.Cast/AsBytes/
// Read/Write/GetReference/CreateSpan, span search (IndexOf/IndexOfAny/IndexOfAnyExcept/
// LastIndexOf/SequenceEqual/StartsWith/Count/ContainsAny with SearchValues) at every alignment
// around the vector widths, span Sort/Reverse/Fill/CopyTo (overlapping), BinarySearch,
// Memory<T> over arrays and strings with Pin, ArrayPool rent/return, MemoryPool. The span
// helpers are heavily vectorized (Vector128/256), so this exercises SIMD code paths in the image.
// Exit status = number of failed self-checks.
using System.Buffers;
using System.Runtime.InteropServices;

int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}
string J<T>(ReadOnlySpan<T> xs) { var parts = new List<string>(); foreach (var x in xs) parts.Add(x!.ToString()!); return string.Join(" ", parts); }

int[] data = Enumerable.Range(0, 20).ToArray();
Span<int> s = data;
Console.WriteLine($"slice: {J<int>(s.Slice(3, 4))} range: {J<int>(s[15..])} {J<int>(s[^3..^1])}");
s[2..5].Fill(-1);
s.Slice(10, 3).Reverse();
Console.WriteLine($"after Fill/Reverse: {J<int>(s)}");
s[0..5].CopyTo(s[2..]); // overlapping, forward
Console.WriteLine($"overlapping CopyTo: {J<int>(s[..10])}");
Check(!s[..5].TryCopyTo(new int[3]), "TryCopyTo too small");
try { var small = new int[2]; s.CopyTo(small); } catch (ArgumentException) { Console.WriteLine("CopyTo too small: ArgumentException"); }

// stackalloc and MemoryMarshal
Span<byte> bytes = stackalloc byte[32];
for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i * 7 + 1);
Span<int> asInts = MemoryMarshal.Cast<byte, int>(bytes);
Span<long> asLongs = MemoryMarshal.Cast<byte, long>(bytes);
Console.WriteLine($"Cast byte->int: {asInts.Length} [{string.Join(",", asInts.ToArray().Select(v => v.ToString("X8")))}] ->long[1] {asLongs[1]:X16}");
Console.WriteLine($"MemoryMarshal.Read<uint>(at 3): {MemoryMarshal.Read<uint>(bytes[3..]):X8} ushort at 31 fails: {!MemoryMarshal.TryRead<ushort>(bytes[31..], out _)}");
MemoryMarshal.Write(bytes[4..], in Unsafe4);
Console.WriteLine($"after Write: {Convert.ToHexString(bytes[..12])}");
var pts = new[] { new Pt(1, 2), new Pt(3, 4) };
Span<byte> ptBytes = MemoryMarshal.AsBytes(pts.AsSpan());
Console.WriteLine($"AsBytes of struct array: {ptBytes.Length} {Convert.ToHexString(ptBytes)}");
ref int r0 = ref MemoryMarshal.GetReference(s);
r0 = 777;
Console.WriteLine($"GetReference write: {data[0]} CreateSpan: {J<int>(MemoryMarshal.CreateSpan(ref data[1], 3))}");
Span<char> chars = stackalloc char[] { 'h', 'e', 'l', 'l', 'o' };
Console.WriteLine($"stackalloc chars: {chars.ToString()} {new string(chars[1..3])}");

// Search at every alignment/length around vector widths
var rng = new Random(5);
int mismatch = 0;
foreach (int len in new[] { 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 257 })
{
    var arrB = new byte[len]; var arrC = new char[len]; var arrI = new int[len]; var arrL = new long[len];
    for (int pos = 0; pos < len; pos++)
    {
        Array.Clear(arrB); Array.Clear(arrC); Array.Clear(arrI); Array.Clear(arrL);
        arrB[pos] = 9; arrC[pos] = 'x'; arrI[pos] = -5; arrL[pos] = long.MinValue;
        if (arrB.AsSpan().IndexOf((byte)9) != pos || arrB.AsSpan().LastIndexOf((byte)9) != pos) mismatch++;
        if (arrC.AsSpan().IndexOf('x') != pos || arrC.AsSpan().IndexOfAny('x', 'y') != pos || arrC.AsSpan().IndexOfAny('q', 'r', 'x') != pos) mismatch++;
        if (arrC.AsSpan().IndexOfAnyExcept('\0') != pos || arrC.AsSpan().LastIndexOfAnyExcept('\0') != pos) mismatch++;
        if (arrI.AsSpan().IndexOf(-5) != pos || arrL.AsSpan().IndexOf(long.MinValue) != pos || arrI.AsSpan().Count(0) != len - 1) mismatch++;
        if (arrB.AsSpan().IndexOfAnyInRange((byte)5, (byte)10) != pos) mismatch++;
        var copy = (byte[])arrB.Clone();
        if (!copy.AsSpan().SequenceEqual(arrB) || copy.AsSpan().SequenceCompareTo(arrB) != 0) mismatch++;
        copy[pos] = 10;
        if (copy.AsSpan().SequenceEqual(arrB) || Math.Sign(copy.AsSpan().SequenceCompareTo(arrB)) != 1 || copy.AsSpan().CommonPrefixLength(arrB) != pos) mismatch++;
    }
}
Console.WriteLine($"search at all alignments: {mismatch} mismatches");
Check(mismatch == 0, "search alignments");
ReadOnlySpan<char> text = "The quick brown fox jumps over the lazy dog. 0123456789!";
var vowels = SearchValues.Create("aeiou");
var digitsOrPunct = SearchValues.Create("0123456789!.");
Console.WriteLine($"SearchValues: first vowel {text.IndexOfAny(vowels)} last vowel {text.LastIndexOfAny(vowels)} first digit/punct {text.IndexOfAny(digitsOrPunct)} except letters/space {text.IndexOfAnyExcept(SearchValues.Create("abcdefghijklmnopqrstuvwxyzT "))} contains {text.ContainsAny(vowels)}");
var words = SearchValues.Create(["fox", "dog", "cat"], StringComparison.Ordinal);
Console.WriteLine($"SearchValues<string>: {text.IndexOfAny(words)} ignore-case {"THE LAZY DOG".AsSpan().IndexOfAny(SearchValues.Create(["dog"], StringComparison.OrdinalIgnoreCase))}");
Console.WriteLine($"StartsWith/EndsWith/IndexOf(span): {text.StartsWith("The")} {text.EndsWith("!")} {text.IndexOf("jumps")} {text.LastIndexOf("o")} Count('o') {text.Count('o')} Split count {CountSplit(text)}");
Console.WriteLine($"Trim span: [{"  padded  ".AsSpan().Trim().ToString()}] [{"xxaxx".AsSpan().Trim('x').ToString()}]");

// Sort / BinarySearch / Reverse on spans
var sortMe = new int[50];
for (int i = 0; i < sortMe.Length; i++) sortMe[i] = rng.Next(1000);
var keys = sortMe.AsSpan(0, 10).ToArray(); var vals = keys.Select(k => "v" + k).ToArray();
sortMe.AsSpan().Sort();
Console.WriteLine($"span Sort: {J<int>(sortMe.AsSpan(0, 12))} ... {sortMe[^1]}");
keys.AsSpan().Sort(vals.AsSpan());
Console.WriteLine($"Sort keys/items: {J<int>(keys)} | {string.Join(" ", vals)}");
sortMe.AsSpan().Sort((a, b) => b.CompareTo(a));
Console.WriteLine($"Sort comparison desc: {J<int>(sortMe.AsSpan(0, 8))}");
sortMe.AsSpan().Reverse();
Console.WriteLine($"BinarySearch: {sortMe.AsSpan().BinarySearch(sortMe[25]) >= 0} {~sortMe.AsSpan().BinarySearch(-1)} {~sortMe.AsSpan().BinarySearch(5000)}");

// Memory<T>
Memory<int> mem = data.AsMemory(5, 10);
Memory<int> sub = mem[2..6];
sub.Span[0] = 4242;
Console.WriteLine($"Memory slice writes through: {data[7]} length {sub.Length} ToArray {J<int>(sub.ToArray())}");
ReadOnlyMemory<char> rom = "hello memory world".AsMemory(6, 6);
Console.WriteLine($"ReadOnlyMemory<char> from string: {rom} {MemoryMarshal.TryGetString(rom, out var str, out int st, out int ln)} {str?.Length} {st} {ln}");
using (var handle = mem.Pin()) // no unsafe code: minnow build does not allow it
    Console.WriteLine($"pinned first element: {mem.Span[0]}");
Check(MemoryMarshal.TryGetArray<int>(mem, out var seg) && seg.Offset == 5 && seg.Count == 10, "TryGetArray");

// ArrayPool
var pool = ArrayPool<byte>.Shared;
long poolSum = 0;
for (int round = 0; round < 200; round++)
{
    byte[] buf = pool.Rent(100 + round * 37);
    Check(buf.Length >= 100 + round * 37, "rent size");
    for (int i = 0; i < 100; i++) buf[i] = (byte)(i + round);
    for (int i = 0; i < 100; i++) poolSum += buf[i];
    pool.Return(buf, clearArray: round % 2 == 0);
}
Console.WriteLine($"ArrayPool shared: sum {poolSum}");
var custom = ArrayPool<int>.Create(maxArrayLength: 64, maxArraysPerBucket: 2);
int[] a1 = custom.Rent(10), a2 = custom.Rent(10);
Console.WriteLine($"custom pool: lengths {a1.Length} {a2.Length} distinct {!ReferenceEquals(a1, a2)} oversize {custom.Rent(1000).Length}");
custom.Return(a1);
Check(ReferenceEquals(custom.Rent(10), a1), "custom pool reuses");
using (var owner = MemoryPool<char>.Shared.Rent(20))
{
    owner.Memory.Span.Fill('m');
    Console.WriteLine($"MemoryPool: length>=20 {owner.Memory.Length >= 20} first {owner.Memory.Span[0]}");
}
var writer = new ArrayBufferWriter<byte>();
for (int i = 0; i < 5; i++) { var w = writer.GetSpan(4); BitConverter.TryWriteBytes(w, i * 1000); writer.Advance(4); }
Console.WriteLine($"ArrayBufferWriter: {writer.WrittenCount} {Convert.ToHexString(writer.WrittenSpan)}");
var seq = new ReadOnlySequence<byte>(writer.WrittenMemory);
Console.WriteLine($"ReadOnlySequence: {seq.Length} slice {Convert.ToHexString(seq.Slice(4, 4).ToArray())}");

Console.WriteLine($"failures: {failures}");
return failures;

static int CountSplit(ReadOnlySpan<char> t) { int n = 0; foreach (var _ in t.Split(' ')) n++; return n; }

partial class Program { static readonly long Unsafe4 = 0x1122334455667788; }
record struct Pt(int X, int Y); // no padding: padding bytes would be undefined
