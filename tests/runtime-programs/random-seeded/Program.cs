// System.Random with a seed produces the same sequence as on any .NET; unseeded ones stay in range.
var seeded = new Random(42);
Console.WriteLine($"Next(): {Draw(8, () => seeded.Next())}");
Console.WriteLine($"Next(100): {Draw(12, () => seeded.Next(100))}");
Console.WriteLine($"Next(-50, 50): {Draw(12, () => seeded.Next(-50, 50))}");
Console.WriteLine($"NextInt64(): {Draw(4, () => seeded.NextInt64())}");
Console.WriteLine($"NextDouble(): {Draw(4, () => seeded.NextDouble().ToString("R"))}");
var bytes = new byte[16];
seeded.NextBytes(bytes);
Console.WriteLine($"NextBytes: {Convert.ToHexString(bytes)}");

foreach (int seed in new[] { 0, 1, 12345, int.MaxValue })
{
    var r = new Random(seed);
    Console.WriteLine($"seed {seed}: {r.Next()} {r.Next(1000)} {r.NextDouble():R}");
}

var a = new Random(7);
var b = new Random(7);
bool same = Enumerable.Range(0, 1000).All(_ => a.Next() == b.Next());
Console.WriteLine($"two Random(7) agree for 1000 draws: {same}");

var items = Enumerable.Range(1, 10).ToArray();
new Random(3).Shuffle(items);
Console.WriteLine($"Shuffle with seed 3: {string.Join(" ", items)}");

// Unseeded generators: values in range (the seed comes from the platform's random bytes).
var unseeded = new Random();
bool inRange = Enumerable.Range(0, 1000).All(_ => unseeded.Next(10) is >= 0 and < 10);
Console.WriteLine($"unseeded Next(10) stays in range: {inRange}");
bool sharedInRange = Enumerable.Range(0, 1000).All(_ => Random.Shared.NextDouble() is >= 0.0 and < 1.0);
Console.WriteLine($"Random.Shared.NextDouble stays in range: {sharedInRange}");
return same && inRange && sharedInRange ? 0 : 1;

static string Draw<T>(int count, Func<T> next)
{
    var values = new List<string>();
    for (int i = 0; i < count; i++)
        values.Add(next()?.ToString() ?? "");
    return string.Join(" ", values);
}
