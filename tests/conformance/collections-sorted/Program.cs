// Sorted collections: SortedDictionary (red-black tree), SortedSet with GetViewBetween views
// (live views: adds to the parent show up, out-of-range adds throw), Min/Max/Reverse,
// SortedList (array-backed: IndexOfKey/Keys[i]/RemoveAt), custom comparers (descending,
// ordinal ignore case), and many inserts/removes keeping order. Exit status = failed self-checks.
int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}
string J<T>(IEnumerable<T> xs) => string.Join(" ", xs);

// SortedDictionary
var sd = new SortedDictionary<string, int>(StringComparer.Ordinal);
foreach (var w in "pear apple fig banana cherry date Apple elderberry grape".Split(' ')) sd[w] = w.Length;
Console.WriteLine($"SortedDictionary: {J(sd.Select(kv => kv.Key + "=" + kv.Value))}");
sd.Remove("fig"); sd["kiwi"] = 4; sd.TryAdd("apple", 99);
Console.WriteLine($"after edits: keys {J(sd.Keys)} values {J(sd.Values)} first {sd.First().Key} count {sd.Count}");
var sdDesc = new SortedDictionary<int, string>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
for (int i = 0; i < 10; i++) sdDesc[i * 3 % 10] = "n" + i;
Console.WriteLine($"descending comparer: {J(sdDesc.Keys)}");
var sdIc = new SortedDictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["b"] = 1, ["A"] = 2, ["a"] = 3, ["C"] = 4 };
Console.WriteLine($"ignore-case: {J(sdIc.Select(kv => kv.Key + "=" + kv.Value))}");

// SortedSet and views
var ss = new SortedSet<int>();
for (int i = 0; i < 40; i++) ss.Add(i * 17 % 50);
Console.WriteLine($"SortedSet: {J(ss)} Min {ss.Min} Max {ss.Max} count {ss.Count}");
var view = ss.GetViewBetween(10, 30);
Console.WriteLine($"view [10,30]: {J(view)} count {view.Count} min {view.Min} max {view.Max}");
ss.Add(25); ss.Add(26); ss.Remove(12);
Console.WriteLine($"view after parent edits: {J(view)} count {view.Count}");
view.Add(11);
Console.WriteLine($"parent after view add: contains 11 {ss.Contains(11)} count {ss.Count}");
try { view.Add(31); } catch (ArgumentOutOfRangeException) { Console.WriteLine("view add out of range: ArgumentOutOfRangeException"); }
var inner = view.GetViewBetween(15, 20);
Console.WriteLine($"nested view [15,20]: {J(inner)} reversed {J(inner.Reverse())}");
Console.WriteLine($"set ops: union with 100..102 {J(new SortedSet<int>(ss.Where(x => x > 45)).Union(new[] { 100, 101, 102 }))}");
var s2 = new SortedSet<int>(Enumerable.Range(0, 50).Where(i => i % 5 == 0));
s2.IntersectWith(ss); Console.WriteLine($"IntersectWith multiples of 5: {J(s2)}");
s2.SymmetricExceptWith(new[] { 0, 1, 2 }); Console.WriteLine($"SymmetricExceptWith 0,1,2: {J(s2)}");
Console.WriteLine($"IsSubsetOf {s2.IsSubsetOf(Enumerable.Range(0, 100))} Overlaps {s2.Overlaps(new[] { 999 })} RemoveWhere odd {ss.RemoveWhere(x => x % 2 == 1)} -> {J(ss)}");
Console.WriteLine($"TryGetValue 20: {ss.TryGetValue(20, out int got)}/{got}");
var ssStr = new SortedSet<string>(StringComparer.OrdinalIgnoreCase) { "b", "B", "a", "C", "c", "A" };
Console.WriteLine($"ignore-case set keeps first: {J(ssStr)}");

// SortedList
var sl = new SortedList<int, string>();
foreach (int k in new[] { 50, 10, 40, 20, 30, 60, 5 }) sl.Add(k, "v" + k);
Console.WriteLine($"SortedList: keys {J(sl.Keys)} IndexOfKey(40) {sl.IndexOfKey(40)} IndexOfKey(41) {sl.IndexOfKey(41)} IndexOfValue(v20) {sl.IndexOfValue("v20")} Keys[2] {sl.Keys[2]} Values[^1] {sl.Values[sl.Count - 1]}");
sl.RemoveAt(0); sl.Remove(40); sl[45] = "v45"; sl[10] = "ten";
Console.WriteLine($"after edits: {J(sl.Select(kv => kv.Key + "=" + kv.Value))} GetKeyAtIndex(1) {sl.GetKeyAtIndex(1)} GetValueAtIndex(1) {sl.GetValueAtIndex(1)}");
try { sl.Add(45, "dup"); } catch (ArgumentException) { Console.WriteLine("SortedList duplicate: ArgumentException"); }

// Many operations, checked against a sorted array
var tree = new SortedDictionary<int, int>();
var mirror = new SortedList<int, int>();
var rng = new Random(99);
for (int i = 0; i < 20000; i++)
{
    int k = rng.Next(0, 5000);
    if (rng.Next(3) == 0) { tree.Remove(k); mirror.Remove(k); }
    else { tree[k] = i; mirror[k] = i; }
}
Check(tree.Keys.SequenceEqual(mirror.Keys) && tree.Values.SequenceEqual(mirror.Values), "tree equals SortedList");
long sum = 0; foreach (var kv in tree) sum += (long)kv.Key * kv.Value;
Console.WriteLine($"20000 random ops: count {tree.Count} first {tree.Keys.First()} last {tree.Keys.Last()} weighted sum {sum}");
var big = new SortedSet<int>(Enumerable.Range(0, 20000).Select(i => i * 7919 % 20011));
var bv = big.GetViewBetween(1000, 1999);
Console.WriteLine($"big set: count {big.Count} view count {bv.Count} view sum {bv.Sum()} max below 5000 {big.GetViewBetween(0, 4999).Max}");

Console.WriteLine($"failures: {failures}");
return failures;
