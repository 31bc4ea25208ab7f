// HashSet<T>: set operations (UnionWith, IntersectWith, ExceptWith, SymmetricExceptWith),
// relations (IsSubsetOf/IsSupersetOf/IsProperSubsetOf/Overlaps/SetEquals) including against
// sequences with duplicates, custom comparers, RemoveWhere, TryGetValue returning the stored
// instance, large sets. Set contents are printed sorted (hash order for strings is randomized).
// Exit status = number of failed self-checks.
int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}
string S(IEnumerable<int> xs) => "{" + string.Join(",", xs.Order()) + "}";

var evens = new HashSet<int>(Enumerable.Range(0, 20).Where(i => i % 2 == 0));
var threes = new HashSet<int>(Enumerable.Range(0, 20).Where(i => i % 3 == 0));
var u = new HashSet<int>(evens); u.UnionWith(threes);
var n = new HashSet<int>(evens); n.IntersectWith(threes);
var x = new HashSet<int>(evens); x.ExceptWith(threes);
var s = new HashSet<int>(evens); s.SymmetricExceptWith(threes);
Console.WriteLine($"union {S(u)}\nintersect {S(n)}\nexcept {S(x)}\nsymmetric {S(s)}");
Check(u.Count == evens.Count + threes.Count - n.Count, "inclusion-exclusion");

int[] withDups = { 0, 6, 6, 12, 0, 18 };
Console.WriteLine($"n subset of evens {n.IsSubsetOf(evens)} proper {n.IsProperSubsetOf(evens)} evens superset of n {evens.IsSupersetOf(n)} proper {evens.IsProperSupersetOf(n)}");
Console.WriteLine($"SetEquals dup seq {n.SetEquals(withDups)} Overlaps {evens.Overlaps(new[] { 1, 3, 4 })} {evens.Overlaps(new[] { 1, 3, 5 })} IsSubsetOf self {n.IsSubsetOf(n)} proper self {n.IsProperSubsetOf(n)}");
var empty = new HashSet<int>();
Console.WriteLine($"empty: subset {empty.IsSubsetOf(evens)} proper {empty.IsProperSubsetOf(evens)} overlaps {empty.Overlaps(evens)} setEquals empty seq {empty.SetEquals(Array.Empty<int>())}");
Console.WriteLine($"Add existing {evens.Add(4)} Add new {evens.Add(5)} Remove {evens.Remove(5)} Remove missing {evens.Remove(5)}");
int removed = u.RemoveWhere(i => i > 10);
Console.WriteLine($"RemoveWhere >10 removed {removed} -> {S(u)}");

// Custom comparer and TryGetValue returning the stored instance
var ic = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Alpha", "beta", "GAMMA" };
Console.WriteLine($"ignore-case add ALPHA {ic.Add("ALPHA")} contains Beta {ic.Contains("Beta")} TryGetValue gamma -> {(ic.TryGetValue("gamma", out var stored) ? stored : "none")}");
Console.WriteLine($"sorted: {string.Join(",", ic.Order(StringComparer.Ordinal))}");
var parity = new HashSet<int>(new ParityComparer()) { 1, 2, 3, 4, 5 };
Console.WriteLine($"parity comparer count {parity.Count} kept {S(parity)}");
var ic2 = new HashSet<string>(new[] { "alpha", "BETA", "delta" }, StringComparer.OrdinalIgnoreCase);
ic2.IntersectWith(ic);
Console.WriteLine($"ignore-case intersect: {string.Join(",", ic2.Order(StringComparer.Ordinal))}");

// Large sets
var a = new HashSet<long>();
var b = new HashSet<long>();
for (long i = 0; i < 50_000; i++) { a.Add(i * i % 100_003); b.Add(i * 7 % 100_003); }
int ac = a.Count, bc = b.Count;
a.IntersectWith(b);
Console.WriteLine($"large: |a|={ac} |b|={bc} |a&b|={a.Count} sum {a.Sum()}");
b.ExceptWith(a);
Check(!b.Overlaps(a), "disjoint after except");
a.TrimExcess(); Check(a.Count > 0, "TrimExcess");
var copy = a.ToHashSet(); Check(copy.SetEquals(a), "ToHashSet");
int[] arr = new int[5]; new HashSet<int> { 3, 1, 2 }.CopyTo(arr, 1);
Console.WriteLine($"CopyTo sorted tail: {string.Join(",", arr.Skip(1).Take(3).Order())}");

// Sets of records/tuples
var pts = new HashSet<(int, int)> { (1, 2), (2, 1), (1, 2) };
Console.WriteLine($"tuple set count {pts.Count}");
var recs = new HashSet<P> { new(1, "a"), new(1, "a"), new(2, "a") };
Console.WriteLine($"record set count {recs.Count}");
Check(recs.Contains(new P(2, "a")), "record contains");

Console.WriteLine($"failures: {failures}");
return failures;

record P(int N, string S);
sealed class ParityComparer : IEqualityComparer<int>
{
    public bool Equals(int a, int b) => (a & 1) == (b & 1);
    public int GetHashCode(int v) => v & 1;
}
