// Runtime-raised exceptions from bounds, casts and array covariance, each caught and followed by
// a check that execution and data are intact: IndexOutOfRangeException for 1-D, jagged, multi-
// dimensional and non-zero-length edges, strings and stackalloc'd spans (ArgumentOutOfRange /
// IndexOutOfRange), InvalidCastException from class casts, interface casts, unboxing and generic
// casts, ArrayTypeMismatchException from covariant array stores (and from Span over a covariant
// array), ArgumentOutOfRangeException from List<T>, and the exception's ParamName where one is
// set. Messages are not printed (images use resource keys for class-library messages). Arrays
// with non-zero lower bounds are left out: NativeAOT itself does not support them.
// Exit status = failed checks.
using System.Runtime.CompilerServices;

int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}
string Try(Func<object?> f)
{
    try { return "= " + f(); }
    catch (ArgumentException e) when (e.ParamName is not null) { return $"{e.GetType().Name}({e.ParamName})"; }
    catch (Exception e) { return e.GetType().Name; }
}

// Arrays.
int[] a = [10, 20, 30];
Check("read a[3]", Try(() => a[O(3)]), "IndexOutOfRangeException");
Check("read a[-1]", Try(() => a[O(-1)]), "IndexOutOfRangeException");
Check("write a[int.MaxValue]", Try(() => a[O(int.MaxValue)] = 1), "IndexOutOfRangeException");
Check("write a[int.MinValue]", Try(() => a[O(int.MinValue)] = 1), "IndexOutOfRangeException");
Check("long index past end", Try(() => a[O(3L)]), "IndexOutOfRangeException");
Check("array intact", string.Join(",", a), "10,20,30");
Check("empty array [0]", Try(() => Array.Empty<string>()[O(0)]), "IndexOutOfRangeException");
int[][] jag = [[1], [2, 3]];
Check("jagged inner", Try(() => jag[O(0)][O(1)]), "IndexOutOfRangeException");
Check("jagged ok", Try(() => jag[O(1)][O(1)]), "= 3");
int[,] grid = new int[2, 3];
Check("2-D second dimension", Try(() => grid[O(1), O(3)]), "IndexOutOfRangeException");
Check("2-D first dimension", Try(() => grid[O(2), O(0)]), "IndexOutOfRangeException");
Check("2-D ok", Try(() => grid[O(1), O(2)] = 7), "= 7");
Check("Array.Copy out of range", Try(() => { Array.Copy(a, 0, new int[2], 0, 3); return 0; }), "ArgumentException(destinationArray)");
Check("string index", Try(() => "abc"[O(3)]), "IndexOutOfRangeException");
Check("string Substring", Try(() => "abc".Substring(O(4))), "ArgumentOutOfRangeException(startIndex)");
Check("Span index", Try(() => SpanRead(a, O(3))), "IndexOutOfRangeException");
Check("stackalloc span index", Try(() => StackRead(O(8))), "IndexOutOfRangeException");
Check("Span Slice", Try(() => a.AsSpan().Slice(O(2), O(2)).Length), "ArgumentOutOfRangeException");
Check("array loop with catch continues", LoopSum(), 10 + 20 + 30 + 3 * 1000);

// Casts.
object str = O<object>("s"), boxedInt = O<object>(5), animal = O<object>(new Dog());
Check("string to Dog", Try(() => (Dog)str), "InvalidCastException");
Check("Dog to Cat", Try(() => (Cat)animal), "InvalidCastException");
Check("Dog to Animal", Try(() => ((Animal)animal).Name), "= dog");
Check("object to interface not implemented", Try(() => (IDisposable)animal), "InvalidCastException");
Check("object to interface implemented", Try(() => ((IComparable)str).CompareTo("s")), "= 0");
Check("unbox int to long", Try(() => (long)boxedInt), "InvalidCastException");
Check("unbox int to double", Try(() => (double)boxedInt), "InvalidCastException");
Check("unbox int to string", Try(() => (string)boxedInt), "InvalidCastException");
Check("unbox null to struct", Try(() => (Guid)O<object>(null!)), "NullReferenceException");
Check("cast null to class", Try(() => (Dog)O<object>(null!) is null), "= True");
Check("generic cast T", Try(() => CastTo<Cat>(animal)), "InvalidCastException");
Check("generic cast to value T", Try(() => CastTo<int>(str)), "InvalidCastException");
Check("array type cast", Try(() => (string[])O<object>(new object[1])), "InvalidCastException");
Check("array cast covariant ok", Try(() => ((object[])O<object>(new string[2])).Length), "= 2");
Check("int[] to uint[] via object (CLR allows)", Try(() => ((uint[])O<object>(new int[] { -1 }))[0]), "= 4294967295");
Check("int[] to long[]", Try(() => (long[])O<object>(new int[1])), "InvalidCastException");
Check("IConvertible failing", Try(() => Convert.ToInt32(O<object>(new Dog()))), "InvalidCastException");
Check("LINQ Cast<T>", Try(() => new object[] { 1, "x" }.Cast<int>().Sum()), "InvalidCastException");
Check("delegate cast", Try(() => (Func<int>)O<object>(new Func<long>(() => 1))), "InvalidCastException");

// Array covariance.
object[] objs = new string[3];
Check("store int into string[] as object[]", Try(() => objs[0] = 1), "ArrayTypeMismatchException");
Check("store string ok", Try(() => objs[1] = "fine"), "= fine");
Check("store null ok", Try(() => objs[2] = null!), "= ");
Animal[] animals = new Dog[2];
Check("store Cat into Dog[] as Animal[]", Try(() => animals[0] = new Cat()), "ArrayTypeMismatchException");
Check("store Dog ok", Try(() => (animals[0] = new Dog()).Name), "= dog");
Check("Span<object> over string[]", Try(() => new Span<object>(objs).Length), "ArrayTypeMismatchException");
Check("ReadOnlySpan over string[] ok", Try(() => new ReadOnlySpan<object>(objs).Length), "= 3");
Check("Array.Fill mismatch", Try(() => { Array.Fill(objs, (object)5); return 0; }), "ArrayTypeMismatchException");
Check("generic T[] store through covariance", Try(() => { StoreFirst<object>(objs, new Dog()); return 0; }), "ArrayTypeMismatchException");
Check("interface array covariance store", Try(() => { IComparable[] cmp = new string[1]; cmp[0] = 5; return 0; }), "ArrayTypeMismatchException");
Check("data intact", string.Join("|", objs.Select(o => o ?? "null")), "null|fine|null");

// List<T> and collections.
var list = new List<int> { 1, 2, 3 };
Check("List get [3]", Try(() => list[O(3)]), "ArgumentOutOfRangeException(index)");
Check("List set [-1]", Try(() => list[O(-1)] = 0), "ArgumentOutOfRangeException(index)");
Check("List RemoveAt", Try(() => { list.RemoveAt(O(5)); return 0; }), "ArgumentOutOfRangeException(index)");
Check("List Insert", Try(() => { list.Insert(O(5), 0); return 0; }), "ArgumentOutOfRangeException(index)");
Check("List GetRange", Try(() => list.GetRange(O(2), O(5)).Count), "ArgumentException");
Check("List intact", string.Join(",", list), "1,2,3");
Check("Stack Pop empty", Try(() => new Stack<int>().Pop()), "InvalidOperationException");
Check("Queue Dequeue empty", Try(() => new Queue<int>().Dequeue()), "InvalidOperationException");
Check("First on empty", Try(() => Array.Empty<int>().First()), "InvalidOperationException");
Check("ElementAt past end", Try(() => list.ElementAt(O(10))), "ArgumentOutOfRangeException(index)");
Check("modified during enumeration", Try(() => { foreach (var x in list) list.Add(x); return 0; }), "InvalidOperationException");
Check("Dictionary missing key", Try(() => new Dictionary<string, int>()["k"]), "KeyNotFoundException");

Console.WriteLine($"failed {failed}");
return failed;

[MethodImpl(MethodImplOptions.NoInlining)] static T O<T>(T value) => value;
static int SpanRead(Span<int> s, int i) => s[i];
static int StackRead(int i) { Span<int> s = stackalloc int[8]; s[0] = 1; return s[i]; }
static T CastTo<T>(object o) => (T)o;
static void StoreFirst<T>(T[] arr, T value) => arr[0] = value;
static int LoopSum()
{
    int[] data = [10, 20, 30];
    int sum = 0;
    for (int i = 0; i < 6; i++)
    {
        try { sum += data[i]; }
        catch (IndexOutOfRangeException) { sum += 1000; }
    }
    return sum;
}

class Animal { public virtual string Name => "animal"; }
sealed class Dog : Animal { public override string Name => "dog"; }
sealed class Cat : Animal { public override string Name => "cat"; }
