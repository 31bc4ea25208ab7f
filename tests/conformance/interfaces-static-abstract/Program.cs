// Static abstract/virtual interface members and generic math: user interfaces with static
// abstract methods, properties and operators implemented by classes and structs, static virtual
// defaults, and INumber<T>-style generic algorithms (sum, mean, clamp, parsing, min/max, checked
// conversions CreateChecked/CreateSaturating/CreateTruncating) over int, long, double, decimal
// and byte. Each generic method is instantiated over several types (separate
// code for each value type under AOT). Exit status = failed checks.
using System.Globalization;
using System.Numerics;

int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {Fmt(actual)}{(ok ? "" : $" (expected {Fmt(expected)})")}");
}
static string? Fmt(object? o) => o is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : o?.ToString();

// User-defined static abstract members.
Check("Create via static abstract (class)", Make<Widget>().Describe(), "widget#1");
Check("Create via static abstract (struct)", Make<Gadget>().Describe(), "gadget#2");
Check("static abstract property", KindOf<Widget>() + "/" + KindOf<Gadget>(), "W/G");
Check("static virtual default", Version<Widget>() + "/" + Version<Gadget>(), "1/7");

// Operators through static abstract.
var v = Add3(new Vec(1, 2), new Vec(3, 4), new Vec(5, 6));
Check("user operator + via generic", v.ToString(), "(9, 12)");
Check("user Zero", Vec.Zero.ToString(), "(0, 0)");
Check("sum with AdditiveIdentity (Vec)", SumAll(new[] { new Vec(1, 1), new Vec(2, 3) }).ToString(), "(3, 4)");

// Generic math over the built-in numeric types.
int[] ia = [5, -3, 12, 7, 0];
long[] la = [5_000_000_000, -3, 12];
double[] da = [1.5, 2.25, -0.75];
decimal[] ma = [1.1m, 2.2m, 3.3m];
byte[] ba = [200, 50, 5];
Check("Sum<int>", SumAll(ia), 21);
Check("Sum<long>", SumAll(la), 5_000_000_009L);
Check("Sum<double>", SumAll(da), 3.0);
Check("Sum<decimal>", SumAll(ma), 6.6m);
Check("Sum<byte> wraps", SumAll(ba), (byte)255);
Check("Mean<int>", Mean(ia), 4);
Check("Mean<double>", Mean(da), 1.0);
Check("Mean<decimal>", Mean(ma), 2.2m);
Check("Max<int>", MaxOf(ia), 12);
Check("Max<double>", MaxOf(da), 2.25);
Check("Max<decimal>", MaxOf(ma), 3.3m);
Check("Clamp<int>", ClampAll(ia, 0, 6), "5,0,6,6,0");
Check("Clamp<double>", ClampAll(da, 0.0, 2.0), "1.5,2,0");
Check("Parse<int>", ParseSum<int>("1 2 3 40"), 46);
Check("Parse<long>", ParseSum<long>("9000000000 1"), 9000000001L);
Check("Parse<double>", ParseSum<double>("0.5 0.25"), 0.75);
Check("Parse<decimal>", ParseSum<decimal>("0.1 0.2"), 0.3m);
Check("IsEven<int>", CountEven(ia), 2);
Check("IsEven<long>", CountEven(la), 2);
Check("Pow by squaring <long>", PowBySquaring(3L, 20), 3486784401L);
Check("Pow by squaring <decimal>", PowBySquaring(1.5m, 4), 5.0625m);
Check("Pow by squaring <double>", PowBySquaring(2.0, 10), 1024.0);

// Conversions.
Check("CreateChecked<int>(long) in range", int.CreateChecked(123L), 123);
Check("CreateSaturating<byte>(int)", byte.CreateSaturating(1000), (byte)255);
Check("CreateSaturating<byte>(-5)", byte.CreateSaturating(-5), (byte)0);
Check("CreateTruncating<byte>(int)", byte.CreateTruncating(0x1234), (byte)0x34);
Check("CreateSaturating<int>(double)", int.CreateSaturating(1e20), int.MaxValue);
Check("CreateTruncating<int>(double)", int.CreateTruncating(-7.9), -7);
Check("Convert generic int->decimal", ConvertAll<int, decimal>(ia), "5,-3,12,7,0");
Check("Convert generic double->long saturating", ConvertSat<double, long>(new[] { 1e30, -1e30, 2.7 }), "9223372036854775807,-9223372036854775808,2");
string overflow;
try { _ = ConvertChecked<long, int>(5_000_000_000); overflow = "none"; }
catch (OverflowException e) { overflow = e.GetType().Name; }
Check("CreateChecked overflow", overflow, "OverflowException");

// Interfaces: IMinMaxValue, IBinaryInteger helpers.
Check("MaxValue<short>", Range<short>(), "-32768..32767");
Check("MaxValue<ulong>", Range<ulong>(), "0..18446744073709551615");
Check("PopCount<int>", PopCounts(new[] { 7, 255, -1 }), "3,8,32");
Check("PopCount<ulong>", PopCounts(new[] { 1UL, ulong.MaxValue }), "1,64");
Check("LeadingZeroCount<uint>", uint.LeadingZeroCount(1u), 31u);
Check("generic Abs<decimal>", AbsAll(new[] { -1.5m, 2m }), "1.5,2");
Check("generic Abs<int>", AbsAll(new[] { -1, 2 }), "1,2");

Console.WriteLine($"failed {failed}");
return failed;

static T Make<T>() where T : ICreatable<T> => T.Create();
static string KindOf<T>() where T : ICreatable<T> => T.Kind;
static int Version<T>() where T : ICreatable<T> => T.Version();
static T Add3<T>(T a, T b, T c) where T : IAdditionOperators<T, T, T> => a + b + c;
static T SumAll<T>(IEnumerable<T> items) where T : IAdditiveIdentity<T, T>, IAdditionOperators<T, T, T>
{
    T sum = T.AdditiveIdentity;
    foreach (var x in items) sum += x;
    return sum;
}
static T Mean<T>(T[] items) where T : INumber<T> => SumAll(items) / T.CreateChecked(items.Length);
static T MaxOf<T>(T[] items) where T : INumber<T>
{
    T m = items[0];
    foreach (var x in items) m = T.Max(m, x);
    return m;
}
static string ClampAll<T>(T[] items, T lo, T hi) where T : INumber<T> =>
    string.Join(",", items.Select(x => T.Clamp(x, lo, hi).ToString(null, CultureInfo.InvariantCulture)));
static T ParseSum<T>(string text) where T : INumber<T>
{
    T sum = T.Zero;
    foreach (var part in text.Split(' '))
        sum += T.Parse(part, CultureInfo.InvariantCulture);
    return sum;
}
static int CountEven<T>(T[] items) where T : IBinaryInteger<T> => items.Count(T.IsEvenInteger);
static T PowBySquaring<T>(T b, int e) where T : INumber<T>
{
    T result = T.One;
    while (e > 0)
    {
        if ((e & 1) != 0) result *= b;
        b *= b;
        e >>= 1;
    }
    return result;
}
static string ConvertAll<TFrom, TTo>(TFrom[] items) where TFrom : INumber<TFrom> where TTo : INumber<TTo> =>
    string.Join(",", items.Select(x => TTo.CreateChecked(x).ToString(null, CultureInfo.InvariantCulture)));
static string ConvertSat<TFrom, TTo>(TFrom[] items) where TFrom : INumber<TFrom> where TTo : INumber<TTo> =>
    string.Join(",", items.Select(x => TTo.CreateSaturating(x).ToString(null, CultureInfo.InvariantCulture)));
static TTo ConvertChecked<TFrom, TTo>(TFrom x) where TFrom : INumber<TFrom> where TTo : INumber<TTo> => TTo.CreateChecked(x);
static string Range<T>() where T : IMinMaxValue<T>, IFormattable => $"{T.MinValue}..{T.MaxValue}";
static string PopCounts<T>(T[] items) where T : IBinaryInteger<T> => string.Join(",", items.Select(x => T.PopCount(x)));
static string AbsAll<T>(T[] items) where T : INumber<T> =>
    string.Join(",", items.Select(x => T.Abs(x).ToString(null, CultureInfo.InvariantCulture)));

interface ICreatable<TSelf> where TSelf : ICreatable<TSelf>
{
    static abstract TSelf Create();
    static abstract string Kind { get; }
    static virtual int Version() => 1;
    string Describe();
}

sealed class Widget : ICreatable<Widget>
{
    public static Widget Create() => new();
    public static string Kind => "W";
    public string Describe() => "widget#1";
}

struct Gadget : ICreatable<Gadget>
{
    public static Gadget Create() => new() { Id = 2 };
    public static string Kind => "G";
    public static int Version() => 7;
    public int Id;
    public readonly string Describe() => $"gadget#{Id}";
}

readonly record struct Vec(int X, int Y) : IAdditionOperators<Vec, Vec, Vec>, IAdditiveIdentity<Vec, Vec>
{
    public static Vec Zero => new(0, 0);
    public static Vec AdditiveIdentity => Zero;
    public static Vec operator +(Vec a, Vec b) => new(a.X + b.X, a.Y + b.Y);
    public override string ToString() => $"({X}, {Y})";
}
