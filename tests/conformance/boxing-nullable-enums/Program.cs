// Boxing and unboxing: identity of boxes, unboxing to the exact type only (int box to long throws,
// enum box to its underlying type works), Nullable<T> boxing rules (null Nullable boxes to null,
// a value boxes as the plain T, unboxing a T box to T? works), boxed struct mutation through
// interfaces, Equals/GetType on boxes; and enums: ToString of named/unnamed values, [Flags]
// combinations and their ToString, HasFlag, Enum.Parse/TryParse (names, numbers, comma lists,
// ignoreCase), GetValues/GetNames order, IsDefined, enums over byte/long/sbyte underlying types,
// and conversions between enums and integers. Exit status = failed checks.
using System.Runtime.CompilerServices;
#pragma warning disable CS8605 // unboxing possibly-null values on purpose

int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}
string Try(Func<object?> f) { try { return $"ok {f()}"; } catch (Exception e) { return e.GetType().Name; } }

// Boxing basics.
int i = 42;
object b1 = i, b2 = i;
Check("two boxes are distinct objects", ReferenceEquals(b1, b2), false);
Check("boxes are Equal", b1.Equals(b2), true);
Check("== on object compares references", b1 == b2, false);
Check("boxed GetType", b1.GetType().Name, "Int32");
Check("unbox to int", (int)b1, 42);
Check("unbox int box to long", Try(() => (long)Opaque(5)), "InvalidCastException");
Check("unbox int box to uint", Try(() => (uint)Opaque(5)), "InvalidCastException");
Check("unbox null to int", Try(() => (int)Opaque(null)), "NullReferenceException");
Check("unbox null to int?", Try(() => (int?)Opaque(null)), "ok ");
Check("Convert.ToInt64 of int box", Convert.ToInt64(Opaque(5)), 5L);
Check("unbox enum box to underlying int", Try(() => (int)Opaque(Color.Green)), "ok 1");
Check("unbox int box to enum", Try(() => (Color)Opaque(2)), "ok Blue");
Check("unbox byte-enum box to int fails", Try(() => (int)Opaque(Small.B)), "InvalidCastException");
Check("unbox byte-enum box to byte", Try(() => (byte)Opaque(Small.B)), "ok 2");
Check("unbox int to other-size enum fails", Try(() => (Small)Opaque(2)), "InvalidCastException");

// Nullable boxing.
int? none = null, some = 7;
object? bn = none, bs = some;
Check("null Nullable boxes to null", bn is null, true);
Check("Nullable value boxes as plain Int32", bs!.GetType().Name, "Int32");
Check("box of int? is int", bs is int, true);
Check("unbox int box to int?", (int?)bs, 7);
Check("unbox to int? from long box", Try(() => (int?)Opaque(5L)), "InvalidCastException");
Check("Nullable GetValueOrDefault", none.GetValueOrDefault(3), 3);
Check("Nullable.GetUnderlyingType", Nullable.GetUnderlyingType(typeof(int?))!.Name, "Int32");
Check("lifted arithmetic with null", (none + 1).HasValue, false);
Check("lifted comparison with null", (none < 1, none >= 1, none == null), (false, false, true));
Check("Nullable<Color> boxing", ((object?)(Color?)Color.Blue)!.GetType().Name, "Color");
Check("equality of boxed nullable and boxed value", Equals((object?)some, (object)7), true);
Check("Nullable<T>.Equals(null)", none.Equals(null), true);
Check("nullable ToString null", none.ToString(), "");
Check("nullable struct box via interface", ((IComparable)(object)some!).CompareTo(6) > 0, true);

// Boxed mutable struct through interface.
var counter = new Counter();
IIncrement boxed = counter;
boxed.Increment(); boxed.Increment();
Check("struct unchanged after boxed mutation", counter.Value, 0);
Check("box mutated in place", ((Counter)boxed).Value, 2);
object asObj = boxed;
((IIncrement)asObj).Increment();
Check("same box via object", ((Counter)boxed).Value, 3);
Check("ValueType Equals after mutation", boxed.Equals(new Counter { Value = 3 }), true);

// Enum ToString.
Check("named value", Color.Green.ToString(), "Green");
Check("unnamed value", ((Color)42).ToString(), "42");
Check("negative value", Signed.Minus.ToString() + "," + ((Signed)(-5)).ToString(), "Minus,-5");
Check("format D/X", $"{Color.Blue:D} {Color.Blue:X} {Perm.Read:G}", "2 00000002 Read");
Check("byte enum X format", Small.B.ToString("X"), "02");
Check("long enum", Big.Huge.ToString() + "=" + ((long)Big.Huge), "Huge=1099511627776");
Check("alias picks a name", Alias.One.ToString() is "One" or "Uno", true);

// Flags.
var rw = Perm.Read | Perm.Write;
Check("flags ToString combination", rw.ToString(), "Read, Write");
Check("flags ToString named combo", (Perm.Read | Perm.Write | Perm.Execute).ToString(), "All");
Check("flags ToString zero", Perm.None.ToString(), "None");
Check("flags unknown bit", ((Perm)(1 | 16)).ToString(), "17");
Check("HasFlag", (rw.HasFlag(Perm.Read), rw.HasFlag(Perm.Execute), rw.HasFlag(Perm.None)), (true, false, true));
Check("HasFlag combination", rw.HasFlag(Perm.Read | Perm.Write), true);
Check("non-flags combination", (Color.Green | Color.Blue).ToString(), "3");
Check("flags bit ops", (rw & ~Perm.Write) == Perm.Read, true);

// Parse.
Check("Parse name", Enum.Parse<Color>("Blue"), Color.Blue);
Check("Parse number", Enum.Parse<Color>("1"), Color.Green);
Check("Parse undefined number", (int)Enum.Parse<Color>("99"), 99);
Check("Parse ignoreCase", Enum.Parse<Color>("rEd", ignoreCase: true), Color.Red);
Check("Parse case-sensitive fails", Try(() => Enum.Parse<Color>("red")), "ArgumentException");
Check("Parse comma list", Enum.Parse<Perm>("Read, Execute"), Perm.Read | Perm.Execute);
Check("Parse whitespace", Enum.Parse<Color>(" Green "), Color.Green);
Check("TryParse bad", Enum.TryParse<Color>("Purple", out var c1) ? c1.ToString() : "false", "false");
Check("TryParse good", Enum.TryParse<Perm>("Write", out var p1) ? p1.ToString() : "false", "Write");
Check("non-generic Parse", Enum.Parse(typeof(Color), "Blue").ToString(), "Blue");
Check("Parse overflow", Try(() => Enum.Parse<Small>("300")), "OverflowException");

// Reflection-light enum APIs.
Check("GetNames", string.Join(",", Enum.GetNames<Color>()), "Red,Green,Blue");
Check("GetValues", string.Join(",", Enum.GetValues<Signed>()), "Zero,One,Minus");
Check("GetValues of flags", string.Join(",", Enum.GetValues<Perm>().Select(p => (int)p)), "0,1,2,4,7");
Check("IsDefined", (Enum.IsDefined(Color.Blue), Enum.IsDefined((Color)7)), (true, false));
Check("GetName", Enum.GetName(Color.Green), "Green");
Check("GetUnderlyingType", Enum.GetUnderlyingType(typeof(Big)).Name, "Int64");
Check("CompareTo", Color.Red.CompareTo(Color.Blue) < 0, true);
Check("enum in switch", string.Join("", Enum.GetValues<Color>().Select(c => c switch { Color.Red => 'r', Color.Green => 'g', _ => '?' })), "rg?");
Check("generic Enum constraint", Describe(Small.B) + Describe(Perm.Write), "Small.B;Perm.Write;");
Check("boxed enum Equals", Opaque(Color.Red)!.Equals(Color.Red) && !Opaque(Color.Red)!.Equals(0), true);
Check("enum as dictionary key", new Dictionary<Color, int> { [Color.Green] = 5 }[Color.Green], 5);

Console.WriteLine($"failed {failed}");
return failed;

[MethodImpl(MethodImplOptions.NoInlining)] static object? Opaque(object? o) => o;
static string Describe<T>(T value) where T : struct, Enum => $"{typeof(T).Name}.{value};";

enum Color { Red, Green, Blue }
enum Signed : sbyte { Zero = 0, One = 1, Minus = -1 }
enum Small : byte { A = 1, B = 2 }
enum Big : long { Huge = 1L << 40 }
enum Alias { One = 1, Uno = 1 }
[Flags] enum Perm { None = 0, Read = 1, Write = 2, Execute = 4, All = Read | Write | Execute }
interface IIncrement { void Increment(); }
struct Counter : IIncrement { public int Value; public void Increment() => Value++; }
