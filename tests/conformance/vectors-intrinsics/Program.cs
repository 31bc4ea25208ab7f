// Vector128/Vector256/Vector<T> and the x86 intrinsics classes: arithmetic (integer wrap-around,
// saturating-free), float ops (Sqrt, Min/Max, FMA), comparisons and masks (ExtractMostSignificantBits),
// shuffles, widening/narrowing, conversions, dot/sum, and hand-written Sse41/Avx2 paths that
// must compute the same result as the scalar loop. IsSupported/IsHardwareAccelerated are printed
// (the image targets the same x86-64 level as the host here: both report AVX2). The preemption
// test elsewhere checks that vector registers survive context switches; this checks the values.
// Exit status = number of failed self-checks.
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}

Console.WriteLine($"Vector128.IsHardwareAccelerated {Vector128.IsHardwareAccelerated} Vector256 {Vector256.IsHardwareAccelerated} Vector<int>.Count {Vector<int>.Count} Vector.IsHardwareAccelerated {Vector.IsHardwareAccelerated}");
Console.WriteLine($"Sse2 {Sse2.IsSupported} Sse41 {Sse41.IsSupported} Sse42 {Sse42.IsSupported} Avx {Avx.IsSupported} Avx2 {Avx2.IsSupported} Fma {Fma.IsSupported} Popcnt {Popcnt.IsSupported} Lzcnt {Lzcnt.IsSupported} Bmi1 {Bmi1.IsSupported} Bmi2 {Bmi2.IsSupported}");

var a = Vector128.Create(1, -2, int.MaxValue, int.MinValue);
var b = Vector128.Create(10, 20, 1, -1);
Console.WriteLine($"int128: + {a + b} - {a - b} * {a * b} & {a & b} | {a | b} ^ {a ^ b} ~ {~a} << 3 {a << 3} >> 1 {a >> 1} >>> 1 {a >>> 1} neg {-a}");
Console.WriteLine($"compare: == {Vector128.Equals(a, b)} > {Vector128.GreaterThan(a, b)} msb {Vector128.ExtractMostSignificantBits(Vector128.LessThan(a, b))} Min {Vector128.Min(a, b)} Max {Vector128.Max(a, b)} Abs {Vector128.Abs(a)} Sum {Vector128.Sum(a)} Dot {Vector128.Dot(a, b)} any> {Vector128.GreaterThanAny(a, b)} all> {Vector128.GreaterThanAll(a, b)}");
var f = Vector128.Create(1.5f, -0.0f, float.NaN, 16f);
var g = Vector128.Create(2f, 0f, 1f, float.PositiveInfinity);
Console.WriteLine($"float128: + {f + g} * {f * g} / {f / g} Sqrt {Vector128.Sqrt(f)} Min {Vector128.Min(f, g)} Max {Vector128.Max(f, g)} == {Vector128.Equals(f, f).AsInt32()} Floor {Vector128.Floor(Vector128.Create(1.5f, -1.5f, 2.5f, -0.5f))} Ceiling {Vector128.Ceiling(Vector128.Create(1.5f, -1.5f, 2.5f, -0.5f))}");
var d = Vector256.Create(1.0, 2.0, 3.0, 4.0);
Console.WriteLine($"double256: {d * d + d} Sqrt {Vector256.Sqrt(d)} FMA {Vector256.FusedMultiplyAdd(d, d, -d)} ConvertToInt64 {Vector256.ConvertToInt64(d * 1.5)} sum {Vector256.Sum(d)}");
var bytes = Vector128.Create((byte)250, 251, 252, 253, 254, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
Console.WriteLine($"byte wrap: {bytes + Vector128.Create((byte)10)} shuffle-reverse {Vector128.Shuffle(bytes, Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0))} shuffle-out-of-range {Vector128.Shuffle(bytes, Vector128.Create((byte)0, 200, 1, 16, 2, 255, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7))}");
var (lo, hi) = Vector128.Widen(bytes);
Console.WriteLine($"widen: {lo} {hi} narrow {Vector128.Narrow(lo, hi)} AsSByte {bytes.AsSByte()} int->float {Vector128.ConvertToSingle(a)} float->int {Vector128.ConvertToInt32(Vector128.Create(1.9f, -1.9f, 1e10f, float.NaN))}");
var v256 = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
Console.WriteLine($"v256: lower {v256.GetLower()} upper {v256.GetUpper()} with element {v256.WithElement(3, 99)} element {v256.GetElement(7)} shuffle {Vector256.Shuffle(v256, Vector256.Create(7, 0, 6, 1, 5, 2, 4, 3))} ConditionalSelect {Vector256.ConditionalSelect(Vector256.GreaterThan(v256, Vector256.Create(3)), v256, -v256)}");
var vt = new Vector<int>(Enumerable.Range(0, Vector<int>.Count).ToArray());
Console.WriteLine($"Vector<int>: sum {Vector.Sum(vt)} dot {Vector.Dot(vt, vt)} max {Vector.Max(vt, new Vector<int>(3))[0]} equalsAll {Vector.EqualsAll(vt, vt)}");

// Intrinsic paths vs scalar
var rng = new Random(31);
int[] data = new int[1003];
for (int i = 0; i < data.Length; i++) data[i] = rng.Next(-1000, 1000);
long scalarSum = 0; int scalarMax = int.MinValue; int scalarCountPos = 0;
foreach (int x in data) { scalarSum += x; scalarMax = Math.Max(scalarMax, x); if (x > 0) scalarCountPos++; }
Console.WriteLine($"scalar: sum {scalarSum} max {scalarMax} positives {scalarCountPos}");
Check(SumVector128(data) == scalarSum, "Vector128 sum");
Check(SumVector256(data) == scalarSum, "Vector256 sum");
Check(MaxSse41(data) == scalarMax, "Sse41 max");
Check(CountPositiveAvx2(data) == scalarCountPos, "Avx2 count");
Check(data.AsSpan().IndexOfAnyExcept(data[0]) == Array.FindIndex(data, x => x != data[0]), "IndexOfAnyExcept");
float[] fa = Enumerable.Range(0, 37).Select(i => i * 0.25f).ToArray();
float[] fb = Enumerable.Range(0, 37).Select(i => 10 - i * 0.5f).ToArray();
float[] fr = new float[37];
for (int i = 0; i + Vector256<float>.Count <= fa.Length; i += Vector256<float>.Count)
    (Vector256.LoadUnsafe(ref fa[i]) * Vector256.LoadUnsafe(ref fb[i]) + Vector256.Create(1f)).StoreUnsafe(ref fr[i]);
for (int i = fa.Length / 8 * 8; i < fa.Length; i++) fr[i] = fa[i] * fb[i] + 1;
bool same = true;
for (int i = 0; i < fa.Length; i++) same &= BitConverter.SingleToInt32Bits(fr[i]) == BitConverter.SingleToInt32Bits(fa[i] * fb[i] + 1);
Console.WriteLine($"vector mul-add equals scalar: {same} sample {fr[5]} {fr[36]}");
Check(same, "mul-add");
if (Avx2.IsSupported)
{
    var x = Vector256.Create(1, 2, 3, 4, 5, 6, 7, 8);
    Console.WriteLine($"Avx2: hadd {Avx2.HorizontalAdd(x, x)} permute {Avx2.PermuteVar8x32(x, Vector256.Create(7, 6, 5, 4, 3, 2, 1, 0))} mullo {Avx2.MultiplyLow(x, x)} sad {Avx2.SumAbsoluteDifferences(Vector256.Create((byte)5), Vector256<byte>.Zero)} movemask {Avx2.MoveMask(Vector256.Create((byte)0x80, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF))}");
}
if (Sse41.IsSupported)
    Console.WriteLine($"Sse41: blend {Sse41.Blend(Vector128.Create(1f, 2, 3, 4), Vector128.Create(5f, 6, 7, 8), 0b0101)} round {Sse41.RoundToNearestInteger(Vector128.Create(0.5, 1.5))} dp {Sse41.DotProduct(Vector128.Create(1f, 2, 3, 4), Vector128.Create(1f, 1, 1, 1), 0xF1)} minpos {Sse41.MinHorizontal(Vector128.Create((ushort)9, 3, 7, 3, 8, 8, 8, 8))}");
if (Fma.IsSupported)
    Console.WriteLine($"Fma: {Fma.MultiplyAdd(Vector128.Create(0.1), Vector128.Create(10.0), Vector128.Create(-1.0))}");
if (Popcnt.X64.IsSupported && Lzcnt.X64.IsSupported && Bmi1.X64.IsSupported && Bmi2.X64.IsSupported)
    Console.WriteLine($"bit instructions: popcnt {Popcnt.X64.PopCount(0xF0F0UL)} lzcnt {Lzcnt.X64.LeadingZeroCount(1UL)} tzcnt {Bmi1.X64.TrailingZeroCount(8UL)} pdep {Bmi2.X64.ParallelBitDeposit(0b1011, 0xF0F0):X} pext {Bmi2.X64.ParallelBitExtract(0xABCD, 0xFF00):X} mulx {Bmi2.X64.MultiplyNoFlags(ulong.MaxValue, 3)}");
Console.WriteLine($"failures: {failures}");
return failures;

static long SumVector128(int[] xs)
{
    var acc = Vector128<long>.Zero;
    int i = 0;
    for (; i + 4 <= xs.Length; i += 4)
    {
        var (l, h) = Vector128.Widen(Vector128.Create(xs[i], xs[i + 1], xs[i + 2], xs[i + 3]));
        acc += l + h;
    }
    long s = Vector128.Sum(acc);
    for (; i < xs.Length; i++) s += xs[i];
    return s;
}
static long SumVector256(int[] xs)
{
    var acc = Vector256<int>.Zero;
    int i = 0;
    for (; i + 8 <= xs.Length; i += 8) acc += Vector256.Create(xs.AsSpan(i, 8));
    long s = Vector256.Sum(acc);
    for (; i < xs.Length; i++) s += xs[i];
    return s;
}
static int MaxSse41(int[] xs)
{
    int i = 0, m = int.MinValue;
    if (Sse41.IsSupported)
    {
        var acc = Vector128.Create(int.MinValue);
        for (; i + 4 <= xs.Length; i += 4) acc = Sse41.Max(acc, Vector128.Create(xs.AsSpan(i, 4)));
        for (int k = 0; k < 4; k++) m = Math.Max(m, acc.GetElement(k));
    }
    for (; i < xs.Length; i++) m = Math.Max(m, xs[i]);
    return m;
}
static int CountPositiveAvx2(int[] xs)
{
    int i = 0, c = 0;
    if (Avx2.IsSupported)
    {
        for (; i + 8 <= xs.Length; i += 8)
        {
            var gt = Avx2.CompareGreaterThan(Vector256.Create(xs.AsSpan(i, 8)), Vector256<int>.Zero);
            c += BitOperations.PopCount((uint)Avx.MoveMask(gt.AsSingle()));
        }
    }
    for (; i < xs.Length; i++) if (xs[i] > 0) c++;
    return c;
}
