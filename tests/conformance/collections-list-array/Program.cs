// List<T> and arrays: Sort with default, Comparison and IComparer (introsort; only orders that are
// fully determined are printed: ties are broken by a second key or the keys are distinct),
// BinarySearch (found and ~insertion point), Array.Sort of structs and of keys/items pairs,
// Array.Resize/Copy (overlapping)/ConstrainedCopy/Reverse/Fill/IndexOf/Clear, multi-dimensional
// and jagged arrays, List Insert/RemoveAll/RemoveRange/GetRange/ConvertAll/FindLastIndex.
// Exit status = number of failed self-checks.
int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}
string J<T>(IEnumerable<T> xs) => string.Join(" ", xs);

// Deterministic pseudo-random data
var rng = new Random(2024);
var list = new List<int>();
for (int i = 0; i < 40; i++) list.Add(rng.Next(-100, 100));
Console.WriteLine($"data: {J(list)}");
var sorted = new List<int>(list); sorted.Sort();
Console.WriteLine($"Sort: {J(sorted)}");
var desc = new List<int>(list); desc.Sort((a, b) => b.CompareTo(a));
Console.WriteLine($"Sort desc: {J(desc)}");
var byAbs = new List<int>(list); byAbs.Sort(new AbsThenValue());
Console.WriteLine($"Sort |x| then x: {J(byAbs)}");
var part = new List<int>(list); part.Sort(10, 20, null);
Console.WriteLine($"Sort range 10..30: {J(part)}");
foreach (int probe in new[] { sorted[0], sorted[17], sorted[^1], -101, 0, 101, 5 })
{
    int at = sorted.BinarySearch(probe);
    // With duplicates the index found is implementation-defined; print the found value instead.
    Console.WriteLine($"BinarySearch {probe}: {(at >= 0 ? "found value " + sorted[at] : "insert at " + ~at)}");
}
Check(sorted.SequenceEqual(list.OrderBy(x => x)), "sort equals OrderBy");

// Large sort (exercise introsort's heap-sort and insertion-sort paths)
var large = new int[100_000];
for (int i = 0; i < large.Length; i++) large[i] = rng.Next();
var largeCopy = (int[])large.Clone();
Array.Sort(large);
bool ascending = true;
for (int i = 1; i < large.Length; i++) if (large[i - 1] > large[i]) ascending = false;
Check(ascending, "large sort ascending");
long checksum = 0; for (int i = 0; i < large.Length; i += 1000) checksum = checksum * 7 + large[i];
Console.WriteLine($"large sort: ascending {ascending} checksum {checksum} min {large[0]} max {large[^1]}");
Array.Sort(largeCopy, (a, b) => b.CompareTo(a));
Check(largeCopy[0] == large[^1] && largeCopy[^1] == large[0], "large desc");
var doubles = new double[] { 3.5, double.NaN, -0.0, 0.0, double.NegativeInfinity, 1e-300, -2, double.PositiveInfinity, double.NaN, 7 };
Array.Sort(doubles);
Console.WriteLine($"doubles sorted: {string.Join(" ", doubles.Select(x => x.ToString("R")))}");

// Structs: Array.Sort with a comparer, keys/items
var points = new Point[12];
for (int i = 0; i < points.Length; i++) points[i] = new Point(rng.Next(0, 4), i, $"p{i}");
var bySum = (Point[])points.Clone();
Array.Sort(bySum, (a, b) => a.X != b.X ? a.X.CompareTo(b.X) : b.Y.CompareTo(a.Y));
Console.WriteLine($"structs by X then -Y: {J(bySum.Select(p => p.Name))}");
int[] keys = { 5, 3, 9, 1, 7 };
string[] items = { "five", "three", "nine", "one", "seven" };
Array.Sort(keys, items);
Console.WriteLine($"keys/items: {J(keys)} | {J(items)}");
int[] k2 = { 4, 2, 8, 6, 0, 9 }; char[] v2 = { 'd', 'b', 'h', 'f', 'a', 'i' };
Array.Sort(k2, v2, 1, 4);
Console.WriteLine($"keys/items range: {J(k2)} | {new string(v2)}");
Console.WriteLine($"struct BinarySearch: {Array.BinarySearch(keys, 7)} {Array.BinarySearch(keys, 4)} {Array.BinarySearch(items, "zzz", StringComparer.Ordinal)}");

// Array manipulation
int[] arr = Enumerable.Range(1, 10).ToArray();
Array.Resize(ref arr, 14); Console.WriteLine($"Resize up: {J(arr)}");
Array.Resize(ref arr, 6); Console.WriteLine($"Resize down: {J(arr)}");
int[] ov = Enumerable.Range(0, 10).ToArray();
Array.Copy(ov, 0, ov, 3, 6); Console.WriteLine($"Copy overlap forward: {J(ov)}");
ov = Enumerable.Range(0, 10).ToArray();
Array.Copy(ov, 4, ov, 1, 6); Console.WriteLine($"Copy overlap backward: {J(ov)}");
long[] widened = new long[5]; Array.Copy(new int[] { 1, -2, 3, -4, 5 }, widened, 5);
Console.WriteLine($"Copy int->long: {J(widened)}");
object[] boxed = new object[3]; Array.Copy(new[] { 1, 2, 3 }, boxed, 3);
Console.WriteLine($"Copy int->object: {J(boxed)}");
try { Array.Copy(new object[] { "s", 1 }, new string[2], 2); Console.WriteLine("no exception"); }
catch (InvalidCastException) { Console.WriteLine("Copy object->string mismatch: InvalidCastException"); }
try { var target = new string[2]; Array.ConstrainedCopy(new object[] { "s", 1 }, 0, target, 0, 2); }
catch (ArrayTypeMismatchException) { Console.WriteLine("ConstrainedCopy mismatch: ArrayTypeMismatchException"); }
int[] rev = Enumerable.Range(0, 9).ToArray(); Array.Reverse(rev); Array.Reverse(rev, 2, 3);
Console.WriteLine($"Reverse: {J(rev)}");
int[] fill = new int[8]; Array.Fill(fill, 7); Array.Fill(fill, 1, 2, 3); Array.Clear(fill, 6, 1);
Console.WriteLine($"Fill/Clear: {J(fill)}");
Console.WriteLine($"IndexOf: {Array.IndexOf(fill, 1)} {Array.LastIndexOf(fill, 7)} {Array.IndexOf(fill, 99)} {Array.FindIndex(fill, x => x == 0)} exists {Array.Exists(fill, x => x > 5)}");
Console.WriteLine($"TrueForAll/Find: {Array.TrueForAll(fill, x => x >= 0)} {Array.Find(rev, x => x > 4)} {J(Array.FindAll(rev, x => x % 2 == 0))} {J(Array.ConvertAll(rev, x => x * x))}");

// Multi-dimensional and jagged
var grid = new int[3, 4];
for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) grid[r, c] = r * 10 + c;
Console.WriteLine($"2D: rank {grid.Rank} length {grid.Length} dims {grid.GetLength(0)}x{grid.GetLength(1)} flat {J(grid.Cast<int>())}");
// Not tested: Array.CreateInstance with non-zero lower bounds; NativeAOT (ilc, host publish too)
// throws PlatformNotSupportedException for it by design.
var dyn = Array.CreateInstance(typeof(int), 3, 2);
dyn.SetValue(42, 2, 1);
Console.WriteLine($"CreateInstance 3x2: upper {dyn.GetUpperBound(0)},{dyn.GetUpperBound(1)} value {dyn.GetValue(2, 1)}");
var cube = new double[2, 2, 2]; cube[1, 1, 1] = 1.5;
Console.WriteLine($"3D: {cube.Rank} {cube[1, 1, 1]} {cube.Length}");
int[][] jag = { new[] { 1 }, new[] { 2, 3 }, new int[0], new[] { 4, 5, 6 } };
Console.WriteLine($"jagged: {string.Join(" / ", jag.Select(a => J(a)))} total {jag.Sum(a => a.Length)}");

// List operations
var l = Enumerable.Range(0, 20).ToList();
l.Insert(0, -1); l.InsertRange(5, new[] { 100, 101 }); l.RemoveAt(1);
int removed = l.RemoveAll(x => x % 3 == 0);
l.RemoveRange(0, 2);
Console.WriteLine($"List edits: removed {removed} -> {J(l)}");
Console.WriteLine($"GetRange: {J(l.GetRange(2, 4))} ConvertAll: {J(l.ConvertAll(x => x.ToString("X")))}");
Console.WriteLine($"Find: {l.Find(x => x > 10)} FindLast: {l.FindLast(x => x < 10)} FindIndex: {l.FindIndex(x => x > 100)} FindLastIndex: {l.FindLastIndex(x => x % 2 == 0)}");
Console.WriteLine($"Contains 101: {l.Contains(101)} IndexOf 14: {l.IndexOf(14)} Count {l.Count} Capacity>=Count {l.Capacity >= l.Count}");
l.Reverse(); Console.WriteLine($"Reverse: {J(l)}");
l.Reverse(1, 3); Console.WriteLine($"Reverse range: {J(l)}");
var ro = l.AsReadOnly(); Check(ro.Count == l.Count, "readonly view");
l.TrimExcess(); Check(l.Capacity == l.Count, "TrimExcess");
l.CopyTo(1, arr, 0, 3); Console.WriteLine($"CopyTo: {J(arr)}");
try { foreach (var x in l) if (x == 101) l.Add(1); }
catch (InvalidOperationException) { Console.WriteLine("modified during enumeration: InvalidOperationException"); }
var refs = new List<string> { "pear", "Apple", "fig", "banana", "kiwi", "apple" };
refs.Sort(StringComparer.Ordinal); Console.WriteLine($"strings ordinal: {J(refs)}");
refs.Sort((a, b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b));
Console.WriteLine($"strings by length: {J(refs)}");
Console.WriteLine($"failures: {failures}");
return failures;

record struct Point(int X, int Y, string Name);

sealed class AbsThenValue : IComparer<int>
{
    public int Compare(int a, int b) => Math.Abs(a) != Math.Abs(b) ? Math.Abs(a).CompareTo(Math.Abs(b)) : a.CompareTo(b);
}
