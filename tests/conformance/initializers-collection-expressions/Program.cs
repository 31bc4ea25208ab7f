// Construction syntax: object initializers (nested, on get-only collection properties),
// collection initializers (Add overloads including extension Add and multi-argument Add),
// index initializers, collection expressions ([..] into arrays, List<T>, Span<T>, ReadOnlySpan,
// IEnumerable<T>, IReadOnlyList<T>, ImmutableArray-free custom [CollectionBuilder] types) with
// spreads, target-typed new, init-only and required members, primary constructors (captured
// parameters shared by members), field initializer vs constructor order, and `with` on anonymous
// types. Exit status = failed checks.
using System.Runtime.CompilerServices;

int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

// Object and collection initializers.
var order = new Order
{
    Id = 7,
    Customer = { Name = "Ann", City = "Oslo" },   // nested initializer on an existing object
    Lines = { "pen", "ink" },                     // collection initializer on a get-only property
    Tags = { ["rush"] = true, ["gift"] = false }, // index initializer
};
Check("nested object initializer", $"{order.Id} {order.Customer.Name}/{order.Customer.City}", "7 Ann/Oslo");
Check("collection initializer on get-only", string.Join(",", order.Lines), "pen,ink");
Check("index initializer", string.Join(",", order.Tags.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")), "gift=False,rush=True");
var dict = new Dictionary<int, string> { { 1, "one" }, { 3, "three" } };
dict = new Dictionary<int, string>(dict) { [2] = "two" };
Check("Add-style then index-style dictionary initializers", string.Join(",", dict.OrderBy(k => k.Key).Select(k => k.Value)), "one,two,three");
var bag = new Bag { 1, "two", { 3, 4 } };
Check("Add overloads and multi-arg Add", bag.Log, "int:1 str:two pair:3,4");
var withExt = new Stack<int> { 10, 20 };   // extension Add on Stack<T>
Check("extension Add", string.Join(",", withExt), "20,10");

// Collection expressions.
int[] arr = [1, 2, 3];
List<int> list = [.. arr, 4, .. Enumerable.Range(5, 2)];
Span<int> span = [9, 8, 7];
ReadOnlySpan<char> chars = ['x', 'y'];
IEnumerable<int> seq = [.. list, 100];
IReadOnlyList<string> ro = ["a", "b"];
int[] empty = [];
Check("array expression", string.Join(",", arr), "1,2,3");
Check("list with spreads", string.Join(",", list), "1,2,3,4,5,6");
Check("span expression", span[0] + span[2], 16);
Check("readonly span of chars", new string(chars), "xy");
Check("IEnumerable target", seq.Sum(), 121);
Check("IReadOnlyList target", ro.Count + ro[1], "2b");
Check("empty", (empty.Length, ReferenceEquals(empty, Array.Empty<int>())), (0, true));
int[][] jagged = [[1], [2, 3], []];
Check("nested collection expressions", string.Join("|", jagged.Select(a => a.Length)), "1|2|0");
Check("spread of strings", string.Join("", (char[])[.. "ab", .. "cd"]), "abcd");
MyList<int> custom = [3, 1, 2];
Check("CollectionBuilder type", custom.Describe(), "MyList(3): 3,1,2");
Check("collection expression argument", Sum([1, 2, 3, .. arr]), 12);
HashSet<int> set = [1, 2, 2, 3];
Check("HashSet target", set.Count, 3);

// Target-typed new, init-only, required.
Point p = new(1, 2);
List<Point> pts = [new(3, 4), new() { X = 5 }];
Check("target-typed new", $"{p} {pts[0]} {pts[1]}", "(1,2) (3,4) (5,0)");
var cfg = new Config { Host = "h", Port = 8080 };
Check("required + init", cfg.ToString(), "h:8080 timeout=30");
var cfg2 = new Config { Host = "x", Port = 1, Timeout = 5 };
Check("init overrides default", cfg2.Timeout, 5);

// Primary constructors: parameters captured and shared by members.
var acct = new Account("acc-1", 100);
acct.Deposit(50);
acct.Deposit(25);
Check("primary ctor captured state mutated", acct.Describe(), "acc-1: 175");
Check("primary ctor param to base", new Savings("s", 10).Describe(), "s: 10 (savings)");

// Initialisation order: field initializers, then base ctor, then ctor body.
_ = new DerivedInit();
Check("field initializers before base ctor", string.Join(",", InitLog.Log), "derived-field,base-field,base-ctor,derived-ctor");

// Anonymous types: equality, ToString, with.
var anon = new { Name = "a", Count = 2 };
var anon2 = anon with { Count = 3 };
Check("anonymous ToString", anon.ToString(), "{ Name = a, Count = 2 }");
Check("anonymous with", anon2.ToString(), "{ Name = a, Count = 3 }");
Check("anonymous equality", anon.Equals(new { Name = "a", Count = 2 }), true);
Check("anonymous in LINQ", string.Join(";", new[] { 3, 1, 2 }.Select((v, i) => new { v, i }).OrderBy(o => o.v).Select(o => o.i)), "1;2;0");

Console.WriteLine($"failed {failed}");
return failed;

static int Sum(ReadOnlySpan<int> items) { int s = 0; foreach (var x in items) s += x; return s; }

sealed class Customer { public string Name = ""; public string City = ""; }
sealed class Order
{
    public int Id;
    public Customer Customer { get; } = new();
    public List<string> Lines { get; } = new();
    public Dictionary<string, bool> Tags { get; } = new();
}

sealed class Bag : System.Collections.IEnumerable
{
    public string Log = "";
    void Append(string s) => Log += (Log.Length > 0 ? " " : "") + s;
    public void Add(int i) => Append("int:" + i);
    public void Add(string s) => Append("str:" + s);
    public void Add(int a, int b) => Append($"pair:{a},{b}");
    public System.Collections.IEnumerator GetEnumerator() => Array.Empty<object>().GetEnumerator();
}

static class StackExtensions { public static void Add<T>(this Stack<T> s, T item) => s.Push(item); }

[CollectionBuilder(typeof(MyListBuilder), nameof(MyListBuilder.Create))]
sealed class MyList<T>(T[] items) : IEnumerable<T>
{
    public string Describe() => $"MyList({items.Length}): {string.Join(",", items)}";
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
static class MyListBuilder { public static MyList<T> Create<T>(ReadOnlySpan<T> items) => new(items.ToArray()); }

struct Point
{
    public int X, Y;
    public Point(int x, int y) { X = x; Y = y; }
    public override readonly string ToString() => $"({X},{Y})";
}

sealed class Config
{
    public required string Host { get; init; }
    public required int Port { get; init; }
    public int Timeout { get; init; } = 30;
    public override string ToString() => $"{Host}:{Port} timeout={Timeout}";
}

class Account(string id, decimal balance)
{
    public void Deposit(decimal amount) => balance += amount;
    public virtual string Describe() => $"{id}: {balance}";
}
sealed class Savings(string id, decimal balance) : Account(id, balance)
{
    public override string Describe() => base.Describe() + " (savings)";
}

static class InitLog { public static List<string> Log = new(); public static int Mark(string s) { Log.Add(s); return 0; } }
class BaseInit
{
    private readonly int _baseField = InitLog.Mark("base-field");
    protected BaseInit() { InitLog.Log.Add("base-ctor"); _ = _baseField; }
}
sealed class DerivedInit : BaseInit
{
    private readonly int _derivedField = InitLog.Mark("derived-field");
    public DerivedInit() { InitLog.Log.Add("derived-ctor"); _ = _derivedField; }
}
