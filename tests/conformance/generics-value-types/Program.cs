// Generics instantiated over value types (AOT compiles separate code per value-type instantiation):
// generic classes, structs and methods over structs of many sizes and layouts, including structs
// holding object references (the GC must find them inside generic arrays, lists and dictionary
// entries), Nullable<T> of those structs, default(T), EqualityComparer<T>.Default over structs with
// and without IEquatable, generic static fields per instantiation, and nested generic structs.
// Allocates enough that a collection runs while references live only inside generic structs.
// Exit status = failed checks.
using System.Runtime.CompilerServices;

int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

// One generic algorithm over many value types.
Check("Box<byte>", new Box<byte>(7).Describe(), "Box<Byte>(7)");
Check("Box<long>", new Box<long>(-1L).Describe(), "Box<Int64>(-1)");
Check("Box<double>", new Box<double>(0.5).Describe(), "Box<Double>(0.5)");
Check("Box<decimal>", new Box<decimal>(1.25m).Describe(), "Box<Decimal>(1.25)");
Check("Box<Small>", new Box<Small>(new Small(3)).Describe(), "Box<Small>(S3)");
Check("Box<Big>", new Box<Big>(new Big(1, 2, 3, 4, 5)).Describe(), "Box<Big>(B15)");
Check("Box<WithRef>", new Box<WithRef>(new WithRef(4, "four")).Describe(), "Box<WithRef>(4:four)");
Check("Box<Guid>", new Box<Guid>(Guid.Empty).Describe(), "Box<Guid>(00000000-0000-0000-0000-000000000000)");
Check("Box<(int,string)>", new Box<(int, string)>((1, "a")).Describe(), "Box<ValueTuple`2>((1, a))");

// Swap and default(T).
Check("Swap<int>", SwapPair(1, 2), "2,1");
Check("Swap<WithRef>", SwapPair(new WithRef(1, "x"), new WithRef(2, "y")), "2:y,1:x");
Check("Swap<Big>", SwapPair(new Big(1, 0, 0, 0, 0), new Big(0, 0, 0, 0, 9)), "B9,B1");
Check("default(Big)", DefaultOf<Big>().ToString(), "B0");
Check("default(WithRef) text is null", DefaultOf<WithRef>().Text is null, true);
Check("default(int?)", DefaultOf<int?>().HasValue, false);

// Struct with references kept alive only inside generic containers across collections.
var list = new List<WithRef>();
var dict = new Dictionary<int, WithRef>();
var array = new Pair<WithRef, Big>[64];
for (int i = 0; i < 64; i++)
{
    list.Add(new WithRef(i, "L" + i));
    dict[i] = new WithRef(i * 2, "D" + i);
    array[i] = new Pair<WithRef, Big>(new WithRef(i, "A" + i), new Big(i, i, i, i, i));
}
Churn();
GC.Collect();
int good = 0;
for (int i = 0; i < 64; i++)
{
    if (list[i].Text == "L" + i && dict[i].Text == "D" + i && array[i].First.Text == "A" + i && array[i].Second.Sum == 5 * i)
        good++;
}
Check("references inside generic structs survive GC", good, 64);

// Nullable<T> over structs.
Small? ns = new Small(5);
Small? none = null;
Check("Nullable<Small> HasValue", (ns.HasValue, none.HasValue), (true, false));
Check("Nullable<Small> GetValueOrDefault", none.GetValueOrDefault().ToString(), "S0");
Check("Nullable<WithRef> value", ((WithRef?)new WithRef(9, "nine")).Value.Text, "nine");
Check("Nullable boxing null", (object?)none is null, true);
Check("Nullable boxing value is Small", (object?)ns is Small, true);
Check("generic method over Nullable<T>", CountNonNull(new int?[] { 1, null, 3, null }), 2);
Check("generic method over Nullable<WithRef>", CountNonNull(new WithRef?[] { null, new WithRef(1, "a") }), 1);
Check("Nullable lifted equality", ns == new Small(5), true);

// Equality comparers.
Check("EqualityComparer<Small> (IEquatable)", EqualityComparer<Small>.Default.Equals(new Small(1), new Small(1)), true);
Check("EqualityComparer<Big> (ValueType.Equals)", EqualityComparer<Big>.Default.Equals(new Big(1, 2, 3, 4, 5), new Big(1, 2, 3, 4, 5)), true);
Check("EqualityComparer<WithRef> different strings", EqualityComparer<WithRef>.Default.Equals(new WithRef(1, "a"), new WithRef(1, "b")), false);
Check("EqualityComparer<WithRef> equal strings (different objects)", EqualityComparer<WithRef>.Default.Equals(new WithRef(1, "ab"), new WithRef(1, string.Concat("a", Opaque("b")))), true);
Check("IndexOf over structs", Array.IndexOf(new[] { new Small(1), new Small(2), new Small(3) }, new Small(3)), 2);
Check("Contains over ValueTuple", new List<(int, string)> { (1, "x"), (2, "y") }.Contains((2, "y")), true);
Check("HashSet<Small> count", new HashSet<Small> { new(1), new(2), new(1) }.Count, 2);
Check("Dictionary<Big,int> lookup", new Dictionary<Big, int> { [new Big(1, 1, 1, 1, 1)] = 10 }[new Big(1, 1, 1, 1, 1)], 10);

// Static fields per instantiation.
Counter<int>.Count += 1;
Counter<long>.Count += 10;
Counter<Small>.Count += 100;
Counter<int>.Count += 1;
Check("generic statics are per instantiation", (Counter<int>.Count, Counter<long>.Count, Counter<Small>.Count, Counter<Big>.Count), (2, 10, 100, 0));

// Nested generic structs, generic struct methods mutating through ref.
var nested = new Pair<Pair<int, WithRef>, Pair<Small, double>>(new(1, new WithRef(2, "n")), new(new Small(3), 4.5));
Check("nested generic struct", $"{nested.First.First} {nested.First.Second.Text} {nested.Second.First} {nested.Second.Second}", "1 n S3 4.5");
var acc = new Accumulator<long>();
for (int i = 1; i <= 10; i++) acc.Add(i);
Check("mutating generic struct", (acc.Count, acc.Last), (10, 10L));
Check("generic sort of structs", string.Join(",", SortCopy(new[] { new Small(3), new Small(1), new Small(2) })), "S1,S2,S3");
Check("generic sort of doubles", string.Join(",", SortCopy(new[] { 2.5, -1.0, 0.0 })), "-1,0,2.5");
Check("Span<T> over structs with refs", SumSpan(new[] { new WithRef(1, "a"), new WithRef(2, "b") }), 3);

Console.WriteLine($"failed {failed}");
return failed;

[MethodImpl(MethodImplOptions.NoInlining)] static string Opaque(string s) => s;
static string SwapPair<T>(T a, T b) { (a, b) = (b, a); return $"{a},{b}"; }
static T DefaultOf<T>() => default!;
static int CountNonNull<T>(T?[] items) where T : struct => items.Count(x => x.HasValue);
static T[] SortCopy<T>(T[] items) { var c = (T[])items.Clone(); Array.Sort(c); return c; }
static int SumSpan(ReadOnlySpan<WithRef> items) { int s = 0; foreach (ref readonly var x in items) s += x.Id; return s; }
static void Churn()
{
    object? keep = null;
    for (int i = 0; i < 2000; i++) keep = new byte[64 + i % 50];
    GC.KeepAlive(keep);
}

struct Box<T>(T value)
{
    public T Value = value;
    public readonly string Describe() => $"Box<{typeof(T).Name}>({Value})";
}

readonly struct Small(int v) : IEquatable<Small>, IComparable<Small>
{
    public int V => v;
    public bool Equals(Small other) => v == other.V;
    public override bool Equals(object? obj) => obj is Small s && Equals(s);
    public override int GetHashCode() => v;
    public int CompareTo(Small other) => v.CompareTo(other.V);
    public override string ToString() => $"S{v}";
    public static bool operator ==(Small a, Small b) => a.Equals(b);
    public static bool operator !=(Small a, Small b) => !a.Equals(b);
}

readonly struct Big(long a, long b, long c, long d, long e)
{
    public readonly long A = a, B = b, C = c, D = d, E = e;
    public long Sum => A + B + C + D + E;
    public override string ToString() => $"B{Sum}";
}

readonly struct WithRef(int id, string text)
{
    public int Id => id;
    public string Text => text;
    public override string ToString() => $"{id}:{text}";
}

struct Pair<A, B>(A first, B second)
{
    public A First = first;
    public B Second = second;
}

static class Counter<T> { public static int Count; }

struct Accumulator<T> where T : struct
{
    public int Count;
    public T Last;
    public void Add(T item) { Count++; Last = item; }
}
