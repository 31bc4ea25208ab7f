// LINQ to Objects: Where/Select/SelectMany/OrderBy/ThenBy(Descending) (stable sorts, so ties keep
// source order and the printed order is fully determined), GroupBy/ToLookup (groups in first-seen
// order), Join/GroupJoin, Aggregate, Zip, Chunk, Distinct/DistinctBy, Except/Intersect/Union(By),
// Skip/Take(While), TakeLast/SkipLast, Index/CountBy/AggregateBy, Min/Max(By), Sum/Average,
// SequenceEqual, Append/Prepend/Concat, deferred execution and iterator-based generic
// instantiations over value types (which ilc must pre-compile). Exit status = failed self-checks.
int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}
string J<T>(IEnumerable<T> xs) => string.Join(" ", xs);

var people = new[]
{
    new Person("Ann", "Sales", 34, 52000m), new Person("Bob", "IT", 28, 61000m), new Person("Cid", "Sales", 45, 58000m),
    new Person("Dee", "HR", 39, 47000m), new Person("Eve", "IT", 34, 75000m), new Person("Fay", "IT", 28, 61000m),
    new Person("Gus", "HR", 51, 49000m), new Person("Hal", "Ops", 23, 39000m),
};
var depts = new[] { new Dept("IT", "Floor 3"), new Dept("Sales", "Floor 1"), new Dept("HR", "Floor 2"), new Dept("Legal", "Floor 4") };

Console.WriteLine($"Where/Select: {J(people.Where(p => p.Age > 30).Select(p => p.Name.ToUpperInvariant()))}");
Console.WriteLine($"Select index: {J(people.Select((p, i) => $"{i}:{p.Name}"))}");
Console.WriteLine($"OrderBy age ThenByDesc salary ThenBy name: {J(people.OrderBy(p => p.Age).ThenByDescending(p => p.Salary).ThenBy(p => p.Name).Select(p => p.Name))}");
Console.WriteLine($"OrderByDescending dept (stable ties): {J(people.OrderByDescending(p => p.Dept, StringComparer.Ordinal).Select(p => p.Name))}");
Console.WriteLine($"Order/OrderDescending: {J(new[] { 5, 3, 9, 1 }.Order())} {J(new[] { 5, 3, 9, 1 }.OrderDescending())}");
foreach (var g in people.GroupBy(p => p.Dept))
    Console.WriteLine($"GroupBy {g.Key}: {J(g.Select(p => p.Name))} avg age {g.Average(p => p.Age):F2} total {g.Sum(p => p.Salary)}");
var byAge = people.ToLookup(p => p.Age);
Console.WriteLine($"ToLookup: 28 -> {J(byAge[28].Select(p => p.Name))}; 99 -> [{J(byAge[99])}]; groups {byAge.Count}");
Console.WriteLine($"Join: {J(people.Join(depts, p => p.Dept, d => d.Name, (p, d) => $"{p.Name}@{d.Floor}"))}");
Console.WriteLine($"GroupJoin: {J(depts.GroupJoin(people, d => d.Name, p => p.Dept, (d, ps) => $"{d.Name}[{ps.Count()}]"))}");
Console.WriteLine($"left join: {J(from d in depts join p in people on d.Name equals p.Dept into g from p in g.DefaultIfEmpty() select $"{d.Name}:{p?.Name ?? "-"}")}");
Console.WriteLine($"SelectMany: {J(depts.SelectMany(d => d.Floor.Split(' '), (d, part) => d.Name[0] + part))}");
Console.WriteLine($"query syntax: {J(from p in people where p.Salary > 50000m orderby p.Salary descending, p.Name select p.Name + ":" + p.Salary)}");

var nums = Enumerable.Range(1, 20).ToArray();
Console.WriteLine($"Aggregate: {nums.Aggregate((a, b) => a * 3 % 1000003 + b)} seeded {nums.Aggregate(1L, (a, b) => a * b % 1_000_000_007)} result {nums.Aggregate("", (s, n) => s + (n % 3 == 0 ? "x" : "."), s => s.Length + ":" + s)}");
Console.WriteLine($"Zip: {J(nums.Zip(nums.Skip(1), (a, b) => a * b).Take(6))} triple {J(nums.Zip(nums.Reverse(), nums.Select(n => n % 2 == 0)).Take(3))}");
Console.WriteLine($"Chunk: {string.Join(" | ", nums.Chunk(6).Select(c => J(c)))}");
int[] dups = { 3, 1, 3, 2, 1, 5, 2, 3, 8 };
Console.WriteLine($"Distinct: {J(dups.Distinct())} DistinctBy %3: {J(dups.DistinctBy(x => x % 3))}");
Console.WriteLine($"Except: {J(dups.Except(new[] { 1, 2 }))} Intersect: {J(dups.Intersect(new[] { 8, 5, 9, 3 }))} Union: {J(dups.Union(new[] { 9, 1, 10 }))}");
Console.WriteLine($"ExceptBy/IntersectBy/UnionBy: {J(people.ExceptBy(new[] { "IT" }, p => p.Dept).Select(p => p.Name))} / {J(people.IntersectBy(new[] { 28, 51 }, p => p.Age).Select(p => p.Name))} / {J(people.UnionBy(people, p => p.Age).Select(p => p.Age))}");
Console.WriteLine($"Skip/Take: {J(nums.Skip(3).Take(4))} SkipWhile {J(nums.SkipWhile(n => n < 17))} TakeWhile {J(nums.TakeWhile(n => n * n < 30))} TakeLast {J(nums.TakeLast(3))} SkipLast {J(nums.SkipLast(17))} Take range {J(nums.Take(5..8))} Take ^3.. {J(nums.Take(^3..))}");
Console.WriteLine($"Min/Max: {nums.Min()} {nums.Max()} MinBy {people.MinBy(p => p.Age)!.Name} MaxBy {people.MaxBy(p => p.Salary)!.Name} Sum {nums.Sum()} Average {nums.Average()} long sum {nums.Select(n => (long)n * int.MaxValue).Sum()}");
Console.WriteLine($"double agg: sum {new[] { 0.1, 0.2, 0.3 }.Sum():R} avg {new[] { 1.5, 2.5, 4.0 }.Average():R} min NaN {new[] { 1.0, double.NaN }.Min()} max {new[] { 1.0, double.NaN }.Max()} decimal avg {people.Average(p => p.Salary)}");
Console.WriteLine($"Count/Any/All/Contains: {nums.Count(n => n % 3 == 0)} {nums.Any(n => n > 19)} {nums.All(n => n > 0)} {nums.Contains(21)} LongCount {nums.LongCount()} TryGetNonEnumeratedCount {nums.TryGetNonEnumeratedCount(out int c1)}/{c1} {nums.Where(x => x > 1).TryGetNonEnumeratedCount(out _)}");
// Not printed: TryGetNonEnumeratedCount of array.Select(...): true under the JIT, false under NativeAOT
// (host publish too), whose System.Linq is built size-optimized without the Select-over-IList iterators.
Console.WriteLine($"First/Last/Single/ElementAt: {nums.First(n => n > 5)} {nums.Last(n => n < 5)} {nums.Single(n => n == 7)} {nums.ElementAt(^2)} {nums.FirstOrDefault(n => n > 100, -1)} {nums.LastOrDefault(n => n > 100)} {Array.Empty<int>().SingleOrDefault()}");
try { nums.Single(n => n > 5); } catch (InvalidOperationException) { Console.WriteLine("Single with many: InvalidOperationException"); }
try { Array.Empty<int>().First(); } catch (InvalidOperationException) { Console.WriteLine("First on empty: InvalidOperationException"); }
Console.WriteLine($"Append/Prepend/Concat: {J(nums.Take(3).Append(99).Prepend(-1).Concat(new[] { 7, 7 }))} Reverse {J(nums.Take(4).Reverse())} Repeat {J(Enumerable.Repeat("ab", 3))} Empty {Enumerable.Empty<int>().Count()}");
Console.WriteLine($"Index: {J(new[] { "a", "b", "c" }.Index().Select(t => $"{t.Index}{t.Item}"))} CountBy: {J(people.CountBy(p => p.Dept).Select(kv => $"{kv.Key}={kv.Value}"))} AggregateBy: {J(people.AggregateBy(p => p.Dept, 0m, (acc, p) => acc + p.Salary).Select(kv => $"{kv.Key}={kv.Value}"))}");
Console.WriteLine($"SequenceEqual: {nums.SequenceEqual(Enumerable.Range(1, 20))} {nums.SequenceEqual(nums.Reverse())} DefaultIfEmpty {J(Array.Empty<int>().DefaultIfEmpty(42))} Cast/OfType {J(new object[] { 1, "two", 3.0, 4 }.OfType<int>())}");
Console.WriteLine($"ToDictionary/ToHashSet: {J(people.ToDictionary(p => p.Name, p => p.Age).Where(kv => kv.Value > 40).Select(kv => kv.Key).Order(StringComparer.Ordinal))} {people.Select(p => p.Age).ToHashSet().Count}");
Console.WriteLine($"Range/Select value tuples: {J(Enumerable.Range(0, 5).Select(i => (i, sq: i * i)).Where(t => t.sq % 2 == 0).Select(t => $"{t.i}->{t.sq}"))}");

// Deferred execution and lazy evaluation order
var log = new List<string>();
var q = nums.Where(n => { log.Add("w" + n); return n % 2 == 0; }).Select(n => { log.Add("s" + n); return n; }).Take(2);
Console.WriteLine($"deferred before enumeration: {log.Count}");
Console.WriteLine($"result {J(q)} trace {J(log)}");
var source = new List<int> { 1, 2 };
var lazy = source.Select(x => x * 10);
source.Add(3);
Console.WriteLine($"sees later additions: {J(lazy)}");
int evaluated = 0;
var ordered = nums.Select(n => { evaluated++; return -n; }).OrderBy(n => n).First();
Console.WriteLine($"OrderBy().First(): {ordered} evaluated {evaluated}");

// Larger pipelines
long pipeline = Enumerable.Range(0, 100_000).Where(i => i % 7 != 0).Select(i => (long)i * i % 1013).GroupBy(v => v % 10).OrderBy(g => g.Key).Select(g => g.Sum() * (g.Key + 1)).Sum();
Console.WriteLine($"pipeline: {pipeline}");
var sortedStrings = Enumerable.Range(0, 2000).Select(i => (i * 7919 % 2000).ToString("D4")).OrderBy(s => s, StringComparer.Ordinal).ToList();
Check(sortedStrings.First() == "0000" && sortedStrings.Last() == "1999", "string sort");
Check(nums.Where(n => n % 2 == 0).Sum() == 110, "even sum");

Console.WriteLine($"failures: {failures}");
return failures;

record Person(string Name, string Dept, int Age, decimal Salary);
record Dept(string Name, string Floor);
