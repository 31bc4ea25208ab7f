// System.Random with explicit seeds (the legacy Net5CompatSeedImpl algorithm, fully specified, so
// identical on every .NET): Next/Next(max)/Next(min,max) incl. ranges wider than int, NextInt64
// variants, NextDouble/NextSingle printed as bits, NextBytes (array and span), Shuffle (array and
// span) and GetItems, over several seeds; simple distribution statistics (bucket counts, means)
// computed from seeded draws are printed too. A subclass overriding Sample() takes the compat path.
// Unseeded Random() and Random.Shared only have their ranges checked: their values are never
// printed (they come from the platform's random bytes). Exit status = number of failed self-checks.
int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}

foreach (int seed in new[] { 0, 1, 42, -7, 123456789, int.MinValue, int.MaxValue })
{
    var r = new Random(seed);
    var ints = Enumerable.Range(0, 6).Select(_ => r.Next()).ToArray();
    var small = Enumerable.Range(0, 10).Select(_ => r.Next(7)).ToArray();
    var ranged = Enumerable.Range(0, 6).Select(_ => r.Next(-1_000_000_000, 2_000_000_000)).ToArray();
    var longs = Enumerable.Range(0, 3).Select(_ => r.NextInt64()).ToArray();
    var longRanged = Enumerable.Range(0, 3).Select(_ => r.NextInt64(-5_000_000_000_000, 5_000_000_000_000)).ToArray();
    var longMax = r.NextInt64(1L << 40);
    var doubles = Enumerable.Range(0, 3).Select(_ => BitConverter.DoubleToInt64Bits(r.NextDouble()).ToString("X16")).ToArray();
    var singles = Enumerable.Range(0, 3).Select(_ => BitConverter.SingleToInt32Bits(r.NextSingle()).ToString("X8")).ToArray();
    var bytes = new byte[13]; r.NextBytes(bytes);
    Span<byte> spanBytes = new byte[7]; r.NextBytes(spanBytes);
    var deck = Enumerable.Range(0, 12).ToArray(); r.Shuffle(deck);
    Span<char> letters = "abcdefgh".ToCharArray(); r.Shuffle(letters);
    var picks = r.GetItems(new[] { "red", "green", "blue" }, 6);
    var picksSpan = new int[5]; r.GetItems<int>(new[] { 10, 20, 30, 40 }, picksSpan);
    Console.WriteLine($"seed {seed}:");
    Console.WriteLine($"  Next {string.Join(" ", ints)} | Next(7) {string.Join("", small)} | Next(-1e9,2e9) {string.Join(" ", ranged)}");
    Console.WriteLine($"  NextInt64 {string.Join(" ", longs)} | ranged {string.Join(" ", longRanged)} | max 2^40 {longMax}");
    Console.WriteLine($"  NextDouble {string.Join(" ", doubles)} | NextSingle {string.Join(" ", singles)}");
    Console.WriteLine($"  NextBytes {Convert.ToHexString(bytes)} span {Convert.ToHexString(spanBytes)} | Shuffle {string.Join(",", deck)} {letters.ToString()} | GetItems {string.Join(",", picks)} {string.Join(",", picksSpan)}");
    Check(ints.All(i => i >= 0 && i < int.MaxValue) && small.All(i => i is >= 0 and < 7) && ranged.All(i => i >= -1_000_000_000 && i < 2_000_000_000), $"ranges seed {seed}");
    Check(deck.Order().SequenceEqual(Enumerable.Range(0, 12)), "shuffle is a permutation");
}
Console.WriteLine($"edge ranges: {new Random(5).Next(0)} {new Random(5).Next(3, 3)} {new Random(5).Next(int.MinValue, int.MaxValue)} {new Random(5).NextInt64(long.MinValue, long.MaxValue)} {new Random(5).Next(-1, 0)}");
try { new Random(1).Next(5, 4); } catch (ArgumentOutOfRangeException) { Console.WriteLine("Next(5,4): ArgumentOutOfRangeException"); }

// Distribution statistics over seeded draws (deterministic)
var rs = new Random(2025);
var buckets = new int[10];
double sum = 0, sumSq = 0;
const int N = 20000;
for (int i = 0; i < N; i++)
{
    double d = rs.NextDouble();
    buckets[(int)(d * 10)]++;
    sum += d; sumSq += d * d;
}
Console.WriteLine($"NextDouble buckets {string.Join(" ", buckets)} mean {sum / N:F6} var {sumSq / N - (sum / N) * (sum / N):F6}");
Check(buckets.All(b => b > N / 10 * 0.9 && b < N / 10 * 1.1), "roughly uniform");
var dice = new int[6];
for (int i = 0; i < 6000; i++) dice[rs.Next(1, 7) - 1]++;
Console.WriteLine($"dice {string.Join(" ", dice)}");
double gaussSum = 0;
var normal = new int[8];
for (int i = 0; i < 5000; i++)
{
    double u1 = 1.0 - rs.NextDouble(), u2 = rs.NextDouble();
    double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2); // libm: only bucketed/rounded results printed
    gaussSum += z;
    normal[Math.Clamp((int)Math.Floor(z + 4), 0, 7)]++;
}
Console.WriteLine($"Box-Muller buckets {string.Join(" ", normal)} mean+10 {gaussSum / 5000 + 10:F3}"); // +10: no "-0.000" sign flip from a 1-ulp libm difference

// Subclass overriding Sample: Random then uses the compat implementation that calls Sample()
var custom = new HalfRandom(9);
Console.WriteLine($"subclass: {custom.Next(100)} {custom.Next(100)} {custom.NextDouble()} {custom.Next(10, 20)}");

// Unseeded: range checks only, values never printed
var unseeded = new Random();
bool ok = true;
for (int i = 0; i < 2000; i++)
{
    ok &= unseeded.Next(10) is >= 0 and < 10;
    ok &= unseeded.NextDouble() is >= 0 and < 1;
    ok &= unseeded.NextSingle() is >= 0 and < 1;
    ok &= Random.Shared.NextInt64(-3, 3) is >= -3 and < 3;
}
var ub = new byte[64]; unseeded.NextBytes(ub);
Console.WriteLine($"unseeded and Shared stay in range: {ok}; two unseeded generators differ: {Enumerable.Range(0, 8).Select(_ => new Random().Next()).Distinct().Count() > 1}");
Check(ok, "unseeded ranges");
Console.WriteLine($"failures: {failures}");
return failures;

sealed class HalfRandom(int seed) : Random(seed)
{
    protected override double Sample() => base.Sample() / 2;
}
