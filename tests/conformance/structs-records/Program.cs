// Records and tuples: record class and record struct value equality (including inherited records
// comparing EqualityContract), with-expressions (non-destructive copies, inherited members kept),
// compiler-generated ToString/PrintMembers (nested records, collections, nulls), Deconstruct of
// positional records, ValueTuple equality/ordering/ToString/naming, deconstruction into existing
// variables, discards, and struct copy semantics (assignment, readonly struct, `in` parameters).
// Exit status = failed checks.
int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

// Record class equality and ToString.
var p1 = new Person("Ada", 36);
var p2 = new Person("Ada", 36);
var p3 = p1 with { Age = 37 };
Check("record value equality", p1 == p2, true);
Check("record not reference equal", ReferenceEquals(p1, p2), false);
Check("with creates a different value", (p1 == p3, p3.Age, p1.Age), (false, 37, 36));
Check("record ToString", p1.ToString(), "Person { Name = Ada, Age = 36 }");
Check("record GetHashCode equal for equal values", p1.GetHashCode() == p2.GetHashCode(), true);
Check("record Equals(object)", p1.Equals((object)p2), true);
Check("record != null", p1 != null, true);

// Inheritance: EqualityContract makes Person != Employee even with equal base members.
Person e1 = new Employee("Ada", 36, "R&D");
Check("derived record ToString", e1.ToString(), "Employee { Name = Ada, Age = 36, Dept = R&D }");
Check("base vs derived not equal", p1.Equals(e1) || e1!.Equals(p1), false);
var e2 = e1 with { Name = "Bob" };
Check("with on base-typed derived keeps runtime type", e2.GetType().Name, "Employee");
Check("with keeps derived members", ((Employee)e2).Dept, "R&D");
Check("derived equality", new Employee("A", 1, "x") == new Employee("A", 1, "x"), true);

// Nested records, nulls and arrays in ToString.
var order = new Order(7, new Person("Cy", 20), null, new[] { 1, 2 });
Check("nested ToString", order.ToString(), "Order { Id = 7, Buyer = Person { Name = Cy, Age = 20 }, Note = , Items = System.Int32[] }");
Check("record with array member compares by reference", order == order with { }, true);
Check("copied array member same reference", order with { Items = new[] { 1, 2 } } == order, false);

// Custom PrintMembers / ToString overrides and non-positional records.
Check("custom ToString record", new Secret("pw").ToString(), "Secret(***)");
var cfg = new Config { Host = "h", Port = 80 };
Check("init-only record ToString", cfg.ToString(), "Config { Host = h, Port = 80 }");
Check("with on init-only", (cfg with { Port = 81 }).Port, 81);

// Record struct.
var v1 = new Vec(1, 2);
var v2 = v1 with { Y = 5 };
Check("record struct equality", v1 == new Vec(1, 2), true);
Check("record struct with", v2.ToString(), "Vec { X = 1, Y = 5 }");
v2.X = 9;  // record struct positional properties are mutable
Check("record struct mutable copy", (v1.X, v2.X), (1, 9));
var rv = new RVec(3, 4);
Check("readonly record struct", rv.ToString(), "RVec { X = 3, Y = 4 }");
Check("record struct as dictionary key", new Dictionary<Vec, string> { [new Vec(1, 1)] = "one" }[new Vec(1, 1)], "one");

// Deconstruction.
var (name, age) = p1;
Check("deconstruct record", $"{name}/{age}", "Ada/36");
var (x, _) = v1;
Check("deconstruct with discard", x, 1);
int a = 1, b = 2;
(a, b) = (b, a);
Check("tuple swap", (a, b), (2, 1));
var point = new PointClass(4, 5);
var (px, py) = point;
Check("user Deconstruct", px * 10 + py, 45);
(int q, int r) = Math.DivRem(17, 5);
Check("deconstruct method result", (q, r), (3, 2));
var ((n1, _), (vx, vy)) = (p1, v1);
Check("nested deconstruction", $"{n1}{vx}{vy}", "Ada12");
foreach (var (k, v) in new Dictionary<int, string> { [1] = "a", [2] = "b" }.OrderBy(kv => kv.Key))
    Console.WriteLine($"  kv {k}={v}");

// ValueTuple.
var t1 = (Id: 1, Name: "one");
var t2 = (1, "one");
Check("tuple equality ignores names", t1 == t2, true);
Check("tuple Equals", t1.Equals(t2), true);
Check("tuple ToString", t1.ToString(), "(1, one)");
Check("tuple with null", (1, (string?)null).ToString(), "(1, )");
Check("nested tuple ToString", (1, (2, 3), "x").ToString(), "(1, (2, 3), x)");
var big = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
Check("10-tuple ToString", big.ToString(), "(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)");
Check("10-tuple Item10 via Rest", big.Item10, 10);
Check("tuple CompareTo", (1, "b").CompareTo((1, "a")) > 0, true);
var sorted = new List<(int, string)> { (2, "b"), (1, "z"), (2, "a") };
sorted.Sort();
Check("tuple sort", string.Join(" ", sorted), "(1, z) (2, a) (2, b)");
Check("tuple as key", new HashSet<(int, int)> { (1, 2), (1, 2), (2, 1) }.Count, 2);
Check("tuple field names are compile-time only", t1.Item2, "one");

// Struct copy semantics.
var m1 = new Mutable { V = 1 };
var m2 = m1;
m2.V = 2;
Check("struct assignment copies", (m1.V, m2.V), (1, 2));
var arr = new Mutable[2];
arr[0].V = 5;
Check("array element mutated in place", arr[0].V, 5);
var list = new List<Mutable> { new() { V = 1 } };
var item = list[0]; item.V = 9;
Check("List indexer returns a copy", list[0].V, 1);
Check("in parameter sees value", ReadIn(in m2), 2);
Bump(ref m1);
Check("ref parameter mutates", m1.V, 2);
Check("default struct", default(Mutable).V, 0);
Check("ValueType.Equals of struct with reference field", new WithName { N = "a" + Opaque("b") }.Equals(new WithName { N = "ab" }), true);

Console.WriteLine($"failed {failed}");
return failed;

static int ReadIn(in Mutable m) => m.V;
static void Bump(ref Mutable m) => m.V++;
static string Opaque(string s) => s;

record Person(string Name, int Age);
record Employee(string Name, int Age, string Dept) : Person(Name, Age);
record Order(int Id, Person Buyer, string? Note, int[] Items);
record Secret(string Value) { public override string ToString() => "Secret(***)"; }
record Config { public string Host { get; init; } = ""; public int Port { get; init; } }
record struct Vec(int X, int Y);
readonly record struct RVec(int X, int Y);
sealed class PointClass(int x, int y) { public void Deconstruct(out int a, out int b) { a = x; b = y; } }
struct Mutable { public int V; }
struct WithName { public string N; }
