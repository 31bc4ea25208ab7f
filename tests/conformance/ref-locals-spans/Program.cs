// By-reference features: ref locals and ref returns into arrays, fields and struct members
// (writes through the ref visible in the owner), ref conditional expressions, ref readonly/in
// parameters (defensive copies of non-readonly structs), ref struct types with ref fields,
// scoped parameters, Span<T>/ReadOnlySpan<T> over arrays, strings, stackalloc, and slices,
// MemoryMarshal casts, and interior references as the ONLY reference to an object while
// collections run (the collector must keep the array alive from the interior pointer).
// Exit status = failed checks.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

// Ref locals/returns.
int[] arr = [1, 2, 3, 4];
ref int third = ref arr[2];
third = 30;
Check("ref local into array", string.Join(",", arr), "1,2,30,4");
ref int biggest = ref MaxRef(arr);
biggest += 1000;
Check("ref return into array", arr[2], 1030);
var holder = new Holder();
ref int field = ref holder.Field;
field = 77;
Check("ref to class field", holder.Field, 77);
var point = new Point { X = 1, Y = 2 };
ref int py = ref point.Y;
py = 20;
Check("ref to struct local member", point.Y, 20);
bool pickFirst = Opaque(false);
int left = 1, right = 2;
ref int chosen = ref pickFirst ? ref left : ref right;
chosen = 99;
Check("ref conditional", (left, right), (1, 99));
ref int re = ref arr[0];
re = ref arr[3];           // ref reassignment
re = -4;
Check("ref reassignment", (arr[0], arr[3]), (1, -4));
var grid = new int[3, 3];
ref int cell = ref grid[1, 2];
cell = 5;
Check("ref into 2-D array", grid[1, 2], 5);
var points = new Point[2];
ref Point p0 = ref points[0];
p0.X = 11;
Check("ref to struct array element mutates in place", points[0].X, 11);
var list = new List<Point> { new() { X = 1 } };
ref Point inList = ref CollectionsMarshal.AsSpan(list)[0];
inList.X = 42;
Check("CollectionsMarshal.AsSpan ref into List", list[0].X, 42);
var dict = new Dictionary<string, int> { ["k"] = 1 };
ref int dv = ref CollectionsMarshal.GetValueRefOrNullRef(dict, "k");
dv += 9;
Check("ref into Dictionary value", dict["k"], 10);
Check("missing key null ref", Unsafe.IsNullRef(ref CollectionsMarshal.GetValueRefOrNullRef(dict, "none")), true);

// in / ref readonly and defensive copies.
var mutable = new MutatingStruct { Count = 0 };
ReadViaIn(in mutable);
Check("in parameter: method call on non-readonly struct works on a copy", mutable.Count, 0);
ReadViaRef(ref mutable);
Check("ref parameter mutates", mutable.Count, 1);
ref readonly int ro = ref arr[1];
Check("ref readonly read", ro, 2);
arr[1] = 200;
Check("ref readonly sees owner change", ro, 200);

// ref struct with ref field.
int target = 5;
var refHolder = new RefHolder(ref target);
refHolder.Add(10);
Check("ref field writes through", target, 15);
Span<int> stack = stackalloc int[4];
var cursor = new Cursor(stack);
cursor.Push(1); cursor.Push(2); cursor.Push(3);
Check("ref struct over stackalloc", (cursor.Count, stack[2]), (3, 3));
Check("scoped parameter", SumScoped(stack[..3]), 6);

// Spans.
Span<int> whole = arr;
Span<int> middle = whole.Slice(1, 2);
middle[0] = -1;
Check("span slice writes array", arr[1], -1);
Check("span over string", "hello world".AsSpan(6).ToString(), "world");
Check("span IndexOf / SequenceEqual", ("abcabc".AsSpan().LastIndexOf('b'), "abc".AsSpan().SequenceEqual("abc")), (4, true));
Span<byte> bytes = stackalloc byte[8];
MemoryMarshal.Write(bytes, 0x0102030405060708L);
Check("MemoryMarshal.Write little-endian", string.Join("", bytes.ToArray().Select(b => b.ToString("x2"))), "0807060504030201");
Check("MemoryMarshal.Cast", MemoryMarshal.Cast<byte, int>(bytes)[1], 0x01020304);
Check("MemoryMarshal.Read", MemoryMarshal.Read<short>(bytes[6..]), (short)0x0102);
Span<char> chars = stackalloc char[5];
"xyz".AsSpan().CopyTo(chars);
chars[3..].Fill('!');
Check("stackalloc chars", new string(chars), "xyz!!");
Check("span Reverse/Sort", SortReverse([5, 1, 4]), "5,4,1");
Check("ReadOnlySpan from array of struct", SumX(points), 11);

// Interior pointer is the only reference across collections.
long interior = InteriorSurvives();
Check("interior ref keeps array alive across GC", interior, 123456789L * 3);
Check("span over unreachable array survives GC", SpanSurvives(), 4950L);

// Ref returns from a generic container.
var store = new Store<string>(3);
store.At(1) = "one";
ref string slot = ref store.At(2);
slot = "two";
Check("generic ref-returning indexer", string.Join("|", store.Items), "|one|two");

Console.WriteLine($"failed {failed}");
return failed;

[MethodImpl(MethodImplOptions.NoInlining)] static T Opaque<T>(T v) => v;
static ref int MaxRef(int[] a) { int best = 0; for (int i = 1; i < a.Length; i++) if (a[i] > a[best]) best = i; return ref a[best]; }
static void ReadViaIn(in MutatingStruct s) => s.Bump();
static void ReadViaRef(ref MutatingStruct s) => s.Bump();
static int SumScoped(scoped ReadOnlySpan<int> s) { int t = 0; foreach (var x in s) t += x; return t; }
static string SortReverse(int[] a) { Span<int> s = a; s.Sort(); s.Reverse(); return string.Join(",", a); }
static int SumX(ReadOnlySpan<Point> ps) { int t = 0; foreach (ref readonly var p in ps) t += p.X; return t; }

[MethodImpl(MethodImplOptions.NoInlining)]
static long InteriorSurvives()
{
    ref long slot = ref MakeArrayAndGetRef();
    Churn();
    GC.Collect();
    Churn();
    return slot * 3;
}
[MethodImpl(MethodImplOptions.NoInlining)]
static ref long MakeArrayAndGetRef() { var a = new long[64]; a[40] = 123456789L; return ref a[40]; }

[MethodImpl(MethodImplOptions.NoInlining)]
static long SpanSurvives()
{
    Span<int> s = MakeSpan();
    Churn();
    GC.Collect();
    long t = 0;
    foreach (var x in s) t += x;
    return t;
}
[MethodImpl(MethodImplOptions.NoInlining)]
static Span<int> MakeSpan() { var a = new int[200]; for (int i = 0; i < a.Length; i++) a[i] = i; return a.AsSpan(0, 100); }

[MethodImpl(MethodImplOptions.NoInlining)]
static void Churn()
{
    object? keep = null;
    for (int i = 0; i < 3000; i++) keep = new long[(i % 40) + 1];
    GC.KeepAlive(keep);
}

sealed class Holder { public int Field; }
struct Point { public int X, Y; }
struct MutatingStruct { public int Count; public void Bump() => Count++; }

ref struct RefHolder(ref int target)
{
    private ref int _target = ref target;
    public void Add(int v) => _target += v;
}

ref struct Cursor(Span<int> buffer)
{
    private readonly Span<int> _buffer = buffer;
    public int Count;
    public void Push(int v) => _buffer[Count++] = v;
}

sealed class Store<T>(int n)
{
    private readonly T[] _items = new T[n];
    public ref T At(int i) => ref _items[i];
    public IEnumerable<T> Items => _items;
}
