// Generic type hierarchies that stress AOT's generic dictionaries: derived generic classes passing
// transformed type arguments to their base (Derived<T> : Base<List<T>>), virtual methods of
// generic bases overridden in closed and open derived types, the curiously recurring pattern
// (Node<TSelf> where TSelf : Node<TSelf>), one class implementing the same generic interface for
// several type arguments (explicitly per instantiation), nested generic types reading the outer
// type parameter, generic methods calling generic methods with wrapped arguments several levels
// deep, and typeof/GetType names of deeply constructed types. Unbounded generic recursion
// (M<T> calling M<List<T>>) is left out: stock ilc 10.0.12 itself fails on it ("VTable ... not
// computed by the IL scanner"), with or without Minnow. Exit status = failed checks.
int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

// Transformed type arguments to the base.
Base<List<int>> listy = new Derived<int>();
Check("base sees List<int>", listy.Describe(), "Base<List`1[Int32]> then Derived<Int32>");
Check("base method with T=List<int>", listy.Wrap(new List<int> { 1, 2 }), "wrapped 2 items");
Base<List<string>> listyS = new Derived<string>();
Check("shared-code instantiation", listyS.Describe(), "Base<List`1[String]> then Derived<String>");
Check("closed override of generic base", ((Base<int>)new IntBase()).Describe(), "IntBase over Base<Int32>");
Check("GetType of derived", new Derived<Dictionary<string, int[]>>().GetType().ToString(), "Derived`1[System.Collections.Generic.Dictionary`2[System.String,System.Int32[]]]");

// CRTP.
var tree = new TreeNode("root").Add(new TreeNode("a").Add(new TreeNode("a1"))).Add(new TreeNode("b"));
Check("CRTP self-typed fluent API", tree.Render(), "root(a(a1),b)");
Check("CRTP static per TSelf", (TreeNode.Created, ListNode.Created), (4, 0));
var ln = new ListNode(1).Add(new ListNode(2));
Check("second CRTP type", (ln.Render(), ListNode.Created), ("1(2)", 2));

// Same interface for several type arguments.
var multi = new MultiSink();
IConsume<int> ci = multi; IConsume<string> cs = multi; IConsume<List<int>> cl = multi;
ci.Consume(5); cs.Consume("five"); cl.Consume([1, 2, 3]);
Check("interface per instantiation", multi.Log, "int:5 str:five list:3");
Check("dispatch through generic method", FeedAll<int>(multi, 1, 2) + FeedAll<string>(multi, "x"), 3);
Check("is IConsume<long>", (object)multi is IConsume<long>, false);
Check("variance does not apply (invariant T)", (object)multi is IConsume<object>, false);

// Nested types using the outer type parameter.
var outer = new Outer<double>.Inner<string>(2.5, "s");
Check("nested generic sees both parameters", outer.Describe(), "Outer<Double>.Inner<String>(2.5, s)");
Check("nested non-generic inside generic", new Outer<int>.Plain().OuterName, "Int32");
Check("nested type name", typeof(Outer<int>.Inner<bool>).Name + " " + typeof(Outer<int>.Inner<bool>).GetGenericArguments().Length, "Inner`1 2");

// Deep generic method chains with wrapped arguments.
Check("wrap chain int", Wrap1(7), "W3<W2<W1<Int32>>>: 7");
Check("wrap chain string", Wrap1("x"), "W3<W2<W1<String>>>: x");
Check("wrap chain tuple", Wrap1((1, 'c')), "W3<W2<W1<ValueTuple`2>>>: (1, c)");

// Generic virtual on a generic base, overridden in a generic derived class.
Mapper<int> mapper = new PrefixMapper<int>("#");
Check("GVM on generic class", mapper.Map<string>(5, x => x.ToString()), "#5");
Check("GVM on generic class value result", mapper.Map<long>(5, x => x * 10L), "#50");
Mapper<string> mapperS = new PrefixMapper<string>(">");
Check("GVM on shared instantiation", mapperS.Map<int>("abc", s => s.Length), ">3");

// Static generic caches per closed type, including nested instantiations.
Cache<int>.Value = "int";
Cache<List<int>>.Value = "list-int";
Cache<List<List<int>>>.Value = "list-list-int";
Check("caches distinct", string.Join(",", Cache<int>.Value, Cache<List<int>>.Value, Cache<List<List<int>>>.Value, Cache<List<string>>.Value ?? "null"), "int,list-int,list-list-int,null");

// Generic struct inside generic class, lots of instantiations in a loop.
long sum = 0;
for (int i = 0; i < 100; i++)
{
    sum += new Pair<int, long>(i, i * 2L).Sum();
    sum += new Pair<long, int>(i, i).Sum();
}
Check("generic struct pair sums", sum, 4950L * 3 + 4950L * 2);

Console.WriteLine($"failed {failed}");
return failed;

static int FeedAll<T>(IConsume<T> sink, params T[] items) { foreach (var x in items) sink.Consume(x); return items.Length; }
static string Wrap1<T>(T v) => Wrap2(new W1<T>(v));
static string Wrap2<T>(T v) => Wrap3(new W2<T>(v));
static string Wrap3<T>(T v) => new W3<T>(v).ToString();

class Base<T>
{
    public virtual string Describe() => $"Base<{Name(typeof(T))}>";
    public string Wrap(T value) => value is System.Collections.ICollection c ? $"wrapped {c.Count} items" : "wrapped";
    protected static string Name(Type t) => t.IsGenericType ? $"{t.Name}[{string.Join(",", t.GetGenericArguments().Select(a => a.Name))}]" : t.Name;
}
class Derived<T> : Base<List<T>>
{
    public override string Describe() => base.Describe() + $" then Derived<{typeof(T).Name}>";
}
class IntBase : Base<int> { public override string Describe() => "IntBase over " + base.Describe(); }

abstract class Node<TSelf> where TSelf : Node<TSelf>
{
    public static int Created;
    private readonly List<TSelf> _children = new();
    protected Node() => Created++;
    public TSelf Add(TSelf child) { _children.Add(child); return (TSelf)this; }
    protected abstract string Label { get; }
    public string Render() => _children.Count == 0 ? Label : $"{Label}({string.Join(",", _children.Select(c => c.Render()))})";
}
sealed class TreeNode(string name) : Node<TreeNode> { protected override string Label => name; }
sealed class ListNode(int v) : Node<ListNode> { protected override string Label => v.ToString(); }

interface IConsume<T> { void Consume(T item); }
sealed class MultiSink : IConsume<int>, IConsume<string>, IConsume<List<int>>
{
    public string Log = "";
    void Append(string s) => Log += (Log.Length > 0 ? " " : "") + s;
    void IConsume<int>.Consume(int item) => Append("int:" + item);
    void IConsume<string>.Consume(string item) => Append("str:" + item);
    void IConsume<List<int>>.Consume(List<int> item) => Append("list:" + item.Count);
}

class Outer<T>
{
    public sealed class Inner<U>(T t, U u)
    {
        public string Describe() => $"Outer<{typeof(T).Name}>.Inner<{typeof(U).Name}>({t}, {u})";
    }
    public sealed class Plain { public string OuterName => typeof(T).Name; }
}

readonly record struct W1<T>(T V) { public override string ToString() => $"W1<{typeof(T).Name}>"; }
readonly record struct W2<T>(T V) { public override string ToString() => $"W2<{V}>"; }
readonly record struct W3<T>(T V)
{
    public override string ToString() => $"W3<{V}>: {Inner(V)}";
    static string Inner(object? o) => o switch
    {
        W2<W1<int>> w => w.V.V.ToString(),
        W2<W1<string>> w => w.V.V,
        W2<W1<(int, char)>> w => w.V.V.ToString(),
        _ => "?",
    };
}

abstract class Mapper<T> { public abstract string Map<U>(T input, Func<T, U> f); }
sealed class PrefixMapper<T>(string prefix) : Mapper<T> { public override string Map<U>(T input, Func<T, U> f) => prefix + f(input); }

static class Cache<T> { public static string? Value; }

readonly struct Pair<A, B>(A a, B b) where A : System.Numerics.INumber<A> where B : System.Numerics.INumber<B>
{
    public long Sum() => long.CreateChecked(a) + long.CreateChecked(b);
}
