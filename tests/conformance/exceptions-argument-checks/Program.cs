// Argument validation exceptions from throw helpers and the class library: ArgumentNullException.
// ThrowIfNull (ParamName from CallerArgumentExpression, including member access expressions),
// ThrowIfNullOrEmpty/WhiteSpace, ArgumentOutOfRangeException.ThrowIfNegative/Zero/GreaterThan/
// LessThan (ParamName and ActualValue), ObjectDisposedException.ThrowIf, and library checks:
// Dictionary duplicate key, string.Substring/Insert/Remove/PadLeft ranges, List/Array ranges,
// int.Parse(null), Enumerable over null, string.Join(null), Encoding, Span slicing. For each:
// the exception type, ParamName, and ActualValue. Messages written by the program itself (passed
// to exception constructors) are printed; class-library message TEXT is not (images are built
// with UseSystemResourceKeys, see /work/pending-conf-a). Exit status = failed checks.
using System.Runtime.CompilerServices;

int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}
string Try(Action a)
{
    try { a(); return "no exception"; }
    catch (ArgumentOutOfRangeException e) { return $"{e.GetType().Name}({e.ParamName}, actual={e.ActualValue ?? "null"})"; }
    catch (ArgumentException e) { return $"{e.GetType().Name}({e.ParamName ?? "null"})"; }
    catch (ObjectDisposedException e) { return $"{e.GetType().Name}({e.ObjectName})"; }
    catch (Exception e) { return e.GetType().Name; }
}

string? nothing = O<string?>(null);
var holder = new Holder();
// Throw helpers.
Check("ThrowIfNull local", Try(() => ArgumentNullException.ThrowIfNull(nothing)), "ArgumentNullException(nothing)");
Check("ThrowIfNull member access", Try(() => ArgumentNullException.ThrowIfNull(holder.Value)), "ArgumentNullException(holder.Value)");
Check("ThrowIfNull explicit name", Try(() => ArgumentNullException.ThrowIfNull(nothing, "custom")), "ArgumentNullException(custom)");
Check("ThrowIfNull passes", Try(() => ArgumentNullException.ThrowIfNull(O<object>("x"))), "no exception");
Check("ThrowIfNull in callee", Try(() => Callee(nothing!)), "ArgumentNullException(text)");
Check("ThrowIfNullOrEmpty empty", Try(() => ArgumentException.ThrowIfNullOrEmpty(O(""))), "ArgumentException(O(\"\"))");
Check("ThrowIfNullOrEmpty null", Try(() => ArgumentException.ThrowIfNullOrEmpty(nothing)), "ArgumentNullException(nothing)");
Check("ThrowIfNullOrWhiteSpace", Try(() => ArgumentException.ThrowIfNullOrWhiteSpace(O("  \t"))), "ArgumentException(O(\"  \\t\"))");
int neg = O(-3), zero = O(0), big = O(100);
Check("ThrowIfNegative", Try(() => ArgumentOutOfRangeException.ThrowIfNegative(neg)), "ArgumentOutOfRangeException(neg, actual=-3)");
Check("ThrowIfZero", Try(() => ArgumentOutOfRangeException.ThrowIfZero(zero)), "ArgumentOutOfRangeException(zero, actual=0)");
Check("ThrowIfNegativeOrZero", Try(() => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(zero)), "ArgumentOutOfRangeException(zero, actual=0)");
Check("ThrowIfGreaterThan", Try(() => ArgumentOutOfRangeException.ThrowIfGreaterThan(big, 10)), "ArgumentOutOfRangeException(big, actual=100)");
Check("ThrowIfLessThan double", Try(() => ArgumentOutOfRangeException.ThrowIfLessThan(O(1.5), 2.0)), "ArgumentOutOfRangeException(O(1.5), actual=1.5)");
Check("ThrowIfEqual string", Try(() => ArgumentOutOfRangeException.ThrowIfEqual(O("a"), "a")), "ArgumentOutOfRangeException(O(\"a\"), actual=a)");
Check("ThrowIfNotEqual", Try(() => ArgumentOutOfRangeException.ThrowIfNotEqual(big, 99)), "ArgumentOutOfRangeException(big, actual=100)");
Check("ObjectDisposedException.ThrowIf", Try(() => ObjectDisposedException.ThrowIf(true, holder)), "ObjectDisposedException(Holder)");
Check("ObjectDisposedException.ThrowIf type", Try(() => ObjectDisposedException.ThrowIf(true, typeof(Stream))), "ObjectDisposedException(System.IO.Stream)");

// Program-written messages survive exactly.
Check("custom ArgumentException message", Catch(() => throw new ArgumentException("bad input")), "ArgumentException: bad input");
Check("custom InvalidOperationException message", Catch(() => throw new InvalidOperationException("state is wrong: 42")), "InvalidOperationException: state is wrong: 42");
Check("custom ParamName kept", Try(() => throw new ArgumentException("m", "p")), "ArgumentException(p)");
Check("custom ActualValue kept", Try(() => throw new ArgumentOutOfRangeException("p", 7, "too big")), "ArgumentOutOfRangeException(p, actual=7)");

// Class library checks.
var dict = new Dictionary<string, int> { ["one"] = 1 };
Check("Dictionary.Add duplicate", Try(() => dict.Add("one", 2)), "ArgumentException(null)");
Check("Dictionary null key", Try(() => dict.Add(null!, 2)), "ArgumentNullException(key)");
Check("Dictionary TryAdd duplicate is false", dict.TryAdd("one", 3), false);
Check("Dictionary unchanged", dict["one"], 1);
Check("ToDictionary duplicate", Try(() => new[] { "a", "a" }.ToDictionary(x => x)), "ArgumentException(null)");
Check("SortedList duplicate", Try(() => new SortedList<int, int> { { 1, 1 }, { 1, 2 } }), "ArgumentException(key)");
Check("HashSet.Add duplicate is false", new HashSet<int> { 1 }.Add(1), false);
Check("Substring start", Try(() => "hello".Substring(O(6))), "ArgumentOutOfRangeException(startIndex, actual=null)");
Check("Substring length", Try(() => "hello".Substring(1, O(5))), "ArgumentOutOfRangeException(length, actual=null)");
Check("Substring negative", Try(() => "hello".Substring(O(-1))), "ArgumentOutOfRangeException(startIndex, actual=-1)");
Check("Insert", Try(() => "abc".Insert(O(4), "x")), "ArgumentOutOfRangeException(startIndex, actual=4)");
Check("Insert null", Try(() => "abc".Insert(0, nothing!)), "ArgumentNullException(value)");
Check("Remove", Try(() => "abc".Remove(O(1), 5)), "ArgumentOutOfRangeException(count, actual=5)");
Check("PadLeft negative", Try(() => "a".PadLeft(O(-1))), "ArgumentOutOfRangeException(totalWidth, actual=-1)");
Check("new string(c, -1)", Try(() => new string('x', O(-1))), "ArgumentOutOfRangeException(count, actual=-1)");
Check("string.Join null separator ok", string.Join(null, new[] { "a", "b" }), "ab");
Check("string.Join null values", Try(() => string.Join(",", (string[])null!)), "ArgumentNullException(value)");
Check("string.Concat null is empty", string.Concat(nothing, nothing), "");
Check("Replace empty oldValue", Try(() => "abc".Replace(O(""), "x")), "ArgumentException(oldValue)");
Check("Split count negative", Try(() => "a,b".Split(',', O(-1))), "ArgumentOutOfRangeException(count, actual=-1)");
Check("int.Parse null", Try(() => int.Parse(nothing!)), "ArgumentNullException(s)");
Check("int.Parse bad", Try(() => int.Parse("12x")), "FormatException");
Check("List ctor negative capacity", Try(() => new List<int>(O(-1))), "ArgumentOutOfRangeException(capacity, actual=null)");
Check("List.RemoveRange", Try(() => new List<int> { 1, 2 }.RemoveRange(1, O(5))), "ArgumentException(null)");
Check("List.AddRange null", Try(() => new List<int>().AddRange(null!)), "ArgumentNullException(collection)");
Check("Array.Copy negative length", Try(() => Array.Copy(new int[1], new int[1], O(-1))), "ArgumentOutOfRangeException(length, actual=-1)");
Check("Array.Resize negative", Try(() => { var a = new int[1]; Array.Resize(ref a, O(-1)); }), "ArgumentOutOfRangeException(newSize, actual=null)");
Check("new int[-1]", Try(() => _ = new int[O(-1)]), "OverflowException");
Check("Enumerable.Select on null", Try(() => ((IEnumerable<int>)null!).Select(x => x).ToList()), "ArgumentNullException(source)");
Check("Enumerable.Range negative", Try(() => Enumerable.Range(0, O(-1))), "ArgumentOutOfRangeException(count, actual=null)");
Check("Enumerable.Take on null", Try(() => ((int[])null!).Take(1)), "ArgumentNullException(source)");
Check("Span slice", Try(() => new int[3].AsSpan(O(2), O(2))), "ArgumentOutOfRangeException(, actual=null)");
Check("StringBuilder.Remove", Try(() => new System.Text.StringBuilder("ab").Remove(O(1), 5)), "ArgumentOutOfRangeException(length, actual=null)");
Check("Encoding.GetString null", Try(() => System.Text.Encoding.UTF8.GetString((byte[])null!)), "ArgumentNullException(bytes)");
Check("Convert.FromBase64String bad", Try(() => Convert.FromBase64String("abc")), "FormatException");
Check("Convert.ToInt32 bad base", Try(() => Convert.ToInt32("10", O(3))), "ArgumentException(null)");
Check("Math.Round digits", Try(() => Math.Round(1.5, O(20))), "ArgumentOutOfRangeException(digits, actual=null)");
Check("Random.Next bad range", Try(() => new Random(1).Next(O(5), 2)), "ArgumentOutOfRangeException(minValue, actual=null)");
Check("TimeSpan overflow", Try(() => TimeSpan.FromDays(O(1e10))), "OverflowException");
Check("Enum.Parse null", Try(() => Enum.Parse<DayOfWeek>(nothing!)), "ArgumentNullException(value)");
Check("Activator abstract", Try(() => Activator.CreateInstance<Stream>()), "MissingMethodException");

Console.WriteLine($"failed {failed}");
return failed;

[MethodImpl(MethodImplOptions.NoInlining)] static T O<T>(T value) => value;
static void Callee(string text) => ArgumentNullException.ThrowIfNull(text);
static string Catch(Action a) { try { a(); return "none"; } catch (Exception e) { return $"{e.GetType().Name}: {e.Message}"; } }

sealed class Holder { public object? Value = null; }
