// Dictionary<TKey,TValue>: int and string keys, Add/TryAdd/Remove(out)/GetValueOrDefault/
// ContainsValue/indexer set, enumeration order (only printed for int keys after removals and
// re-adds, which is deterministic: free-list reuse, no hashing randomness), custom
// IEqualityComparer, string keys under Ordinal/OrdinalIgnoreCase (printed sorted: string hashes
// are randomized per process), 100k entries with growth and removals, EnsureCapacity/TrimExcess,
// CollectionsMarshal.GetValueRefOrAddDefault. Exit status = number of failed self-checks.
using System.Runtime.InteropServices;

int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}

var d = new Dictionary<int, string>();
for (int i = 0; i < 10; i++) d.Add(i * 7 % 10, "v" + i);
Console.WriteLine($"int keys in insertion order: {string.Join(" ", d.Select(kv => $"{kv.Key}={kv.Value}"))}");
d.Remove(3); d.Remove(8, out var removedValue); d[42] = "new"; d[5] = "overwritten"; d.TryAdd(100, "hundred");
Console.WriteLine($"after remove/add (free list reuse): {string.Join(" ", d.Select(kv => $"{kv.Key}={kv.Value}"))} removed {removedValue}");
Console.WriteLine($"TryAdd existing: {d.TryAdd(42, "x")} GetValueOrDefault: {d.GetValueOrDefault(999, "none")} {d.GetValueOrDefault(42)} ContainsValue: {d.ContainsValue("v0")} {d.ContainsValue("nope")}");
try { d.Add(42, "dup"); } catch (ArgumentException) { Console.WriteLine("Add duplicate: ArgumentException"); }
try { _ = d[12345]; } catch (KeyNotFoundException) { Console.WriteLine("missing key: KeyNotFoundException"); }
Console.WriteLine($"Keys: {string.Join(",", d.Keys)} Values: {string.Join(",", d.Values)} Count {d.Count}");

// Custom comparer: keys equal modulo 100
var mod = new Dictionary<int, int>(new Mod100());
for (int i = 0; i < 500; i += 7) mod[i] = mod.GetValueOrDefault(i) + 1;
Console.WriteLine($"mod-100 comparer: count {mod.Count} keys kept {string.Join(",", mod.Keys.Take(10))} sum {mod.Values.Sum()}");
Check(mod.ContainsKey(1007) == mod.ContainsKey(7), "comparer ContainsKey");

// String keys
string[] words = "the quick brown fox jumps over the lazy dog The QUICK Fox jumps".Split(' ');
var counts = new Dictionary<string, int>(StringComparer.Ordinal);
var countsIc = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
foreach (var w in words)
{
    counts[w] = counts.GetValueOrDefault(w) + 1;
    ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(countsIc, w, out _);
    slot++;
}
Console.WriteLine($"ordinal counts: {string.Join(" ", counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}:{kv.Value}"))}");
Console.WriteLine($"ignore-case counts: {string.Join(" ", countsIc.OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase).Select(kv => $"{kv.Key.ToLowerInvariant()}:{kv.Value}"))}");
Check(countsIc["FOX"] == 2 && counts["fox"] == 1, "string comparers");
Check(countsIc.Comparer == StringComparer.OrdinalIgnoreCase, "comparer kept");

// Struct / record keys
var byPoint = new Dictionary<(int, int), string> { [(1, 2)] = "a", [(2, 1)] = "b" };
byPoint[(1, 2)] += "!";
Console.WriteLine($"tuple keys: {byPoint[(1, 2)]} {byPoint[(2, 1)]} {byPoint.ContainsKey((3, 3))}");
var byRecord = new Dictionary<Key, int> { [new Key("x", 1)] = 10 };
Check(byRecord.ContainsKey(new Key("x", 1)) && !byRecord.ContainsKey(new Key("x", 2)), "record keys");

// 100k entries
var big = new Dictionary<int, long>();
for (int i = 0; i < 100_000; i++) big[i * 31 + 7] = (long)i * i;
for (int i = 0; i < 100_000; i += 3) big.Remove(i * 31 + 7);
long sum = 0; int present = 0;
for (int i = 0; i < 100_000; i++)
    if (big.TryGetValue(i * 31 + 7, out long v)) { sum += v; present++; }
Console.WriteLine($"100k: count {big.Count} present {present} sum {sum}");
Check(big.Count == present && present == 66_666, "100k count");
long enumSum = 0; foreach (var kv in big) enumSum += kv.Value;
Check(enumSum == sum, "enumeration sum");
int firstKeys = 0; foreach (var k in big.Keys) { if (firstKeys++ >= 5) break; Console.Write(k + " "); }
Console.WriteLine("<- first keys in order");
big.TrimExcess();
Check(big.Count == 66_666, "TrimExcess keeps entries");
for (int i = 0; i < 100_000; i += 3) big.Add(i * 31 + 7, -1);
Check(big.Count == 100_000, "re-add");
big.Clear(); Check(big.Count == 0 && !big.ContainsKey(7), "Clear");
int cap = big.EnsureCapacity(1000); Check(cap >= 1000, "EnsureCapacity");

// Remove during enumeration is allowed (since .NET Core 3.0); Add is not
var rem = Enumerable.Range(0, 20).ToDictionary(i => i, i => i * i);
foreach (var kv in rem) if (kv.Key % 2 == 0) rem.Remove(kv.Key);
Console.WriteLine($"removed evens while enumerating: {string.Join(",", rem.Keys)}");
try { foreach (var kv in rem) rem.Add(kv.Key + 100, 0); }
catch (InvalidOperationException) { Console.WriteLine("add while enumerating: InvalidOperationException"); }

// ToDictionary / ReadOnlyDictionary / FrozenDictionary-like lookups
var ro = new System.Collections.ObjectModel.ReadOnlyDictionary<int, string>(d);
Console.WriteLine($"ReadOnlyDictionary: {ro.Count} {ro[42]}");
var frozen = System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(Enumerable.Range(0, 50).ToDictionary(i => "k" + i, i => i));
Console.WriteLine($"FrozenDictionary: {frozen.Count} {frozen["k17"]} {frozen.ContainsKey("k50")} sum {frozen.Values.Sum()}");
var sortedKeys = frozen.Keys.Order(StringComparer.Ordinal).Take(5);
Console.WriteLine($"frozen keys sorted: {string.Join(",", sortedKeys)}");

Console.WriteLine($"failures: {failures}");
return failures;

record Key(string Name, int N);

sealed class Mod100 : IEqualityComparer<int>
{
    public bool Equals(int a, int b) => a % 100 == b % 100;
    public int GetHashCode(int x) => x % 100;
}
