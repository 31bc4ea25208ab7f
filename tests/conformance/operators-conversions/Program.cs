// User-defined operators and conversions: arithmetic/comparison/equality operators on a struct
// and a class, compound assignment built from binary operators, ++/-- (prefix and postfix
// semantics), unary +/-/!/~, true/false operators with && and || short-circuiting, checked
// user-defined operators (operator checked +) chosen in checked contexts, implicit and explicit
// conversions (user-defined chained with built-in ones), lifted operators on Nullable<T>,
// operators in generic code via static abstract interfaces, shift operators, and built-in
// numeric conversions' rounding/truncation rules. Exit status = failed checks.
using System.Globalization;
using System.Runtime.CompilerServices;

int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {Fmt(actual)}{(ok ? "" : $" (expected {Fmt(expected)})")}");
}
static string? Fmt(object? o) => o is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : o?.ToString();

var a = new Money(150, "EUR");
var b = new Money(275, "EUR");
Check("operator +", (a + b).ToString(), "4.25 EUR");
Check("operator -", (a - b).ToString(), "-1.25 EUR");
Check("operator * scalar both sides", ((a * 3).Cents, (2 * a).Cents), (450L, 300L));
Check("operator /", (b / 2).Cents, 137L);
Check("comparison", ((a < b), (a > b), (a <= new Money(150, "EUR")), (a >= b)), (true, false, true, false));
Check("== and !=", (a == new Money(150, "EUR"), a != b), (true, true));
Check("mismatched currency throws", Try(() => a + new Money(1, "USD")), "InvalidOperationException");
var acc = a;
acc += b;
acc -= new Money(25, "EUR");
acc *= 2;
Check("compound assignment", acc.Cents, 800L);
Check("unary minus / plus", ((-a).Cents, (+a).Cents), (-150L, 150L));

// ++ / -- semantics.
var c = new Counter(5);
var post = c++;
Check("postfix returns old", (post.Value, c.Value), (5, 6));
var pre = ++c;
Check("prefix returns new", (pre.Value, c.Value), (7, 7));
c--; --c;
Check("decrements", c.Value, 5);
var cls = new RefCounter(1);
var clsOld = cls;
cls++;
Check("++ on class rebinds variable, old object unchanged", (clsOld.Value, cls.Value, ReferenceEquals(clsOld, cls)), (1, 2, false));

// true/false operators and short-circuiting.
var log = new List<string>();
Tri T(string name, int v) { log.Add(name); return new Tri(v); }
var and1 = T("x", -1) && T("y", 1);
Check("&& short-circuits on false", (and1.V, string.Join("", log)), (-1, "x"));
log.Clear();
var and2 = T("x", 1) && T("y", 0);
Check("&& evaluates both via &", (and2.V, string.Join("", log)), (0, "xy"));
log.Clear();
var or1 = T("x", 1) || T("y", -1);
Check("|| short-circuits on true", (or1.V, string.Join("", log)), (1, "x"));
log.Clear();
var or2 = T("x", 0) || T("y", 1);
Check("|| evaluates both via |", (or2.V, string.Join("", log)), (1, "xy"));
Check("if uses operator true", new Tri(1) ? "yes" : "no", "yes");
Check("unknown is neither", (new Tri(0) ? "t" : "not true") + "/" + (!new Tri(0)).V, "not true/0");
Check("! and ~", ((!new Tri(1)).V, (~new Bits(0b1010)).Value & 0xF), (-1, 0b0101));

// Checked user-defined operators.
var big = new Small(100);
Check("unchecked user operator", (big + new Small(100)).Value, (sbyte)-56);
Check("checked user operator", Try(() => checked(big + new Small(100))), "OverflowException");
Check("checked explicit conversion", Try(() => checked((Small)O(300))), "OverflowException");
Check("unchecked explicit conversion", unchecked((Small)O(300)).Value, (sbyte)44);

// Conversions.
Celsius boiling = new Celsius(100);
Fahrenheit f = (Fahrenheit)boiling;
Check("explicit user conversion", f.Degrees, 212.0);
double raw = boiling;
Check("implicit to double", raw, 100.0);
Celsius fromInt = 37;
Check("implicit from int via built-in int->double then user", fromInt.Degrees, 37.0);
Check("user implicit then built-in widening (Celsius -> double -> object)", (object)(double)boiling, 100.0);
Meters m = new Meters(1500);
Check("explicit to int (truncating inside operator)", (int)m, 1500);
Kilometers km = m;
Check("implicit class conversion", km.Value, 1.5);
Check("conversion via interface method avoided", ((IFormattable)1.5).ToString("F2", CultureInfo.InvariantCulture), "1.50");
Check("is does not use user conversions", (object)boiling is double, false);
Check("as does not use user conversions", (object)m as Kilometers is null, true);

// Lifted operators.
Money? none = null, some = a;
Check("lifted + with null", (none + some).HasValue, false);
Check("lifted + both", (some + some)?.Cents, 300L);
Check("lifted == null", (none == null, some == null), (true, false));
Check("lifted < with null is false", (none < some, none > some), (false, false));
Counter? nc = new Counter(1);
nc++;
Check("lifted ++", nc?.Value, 2);

// Generic operators via static abstract interfaces.
Check("generic sum of Money", SumAll(new[] { a, b, a }).ToString(), "5.75 EUR");
Check("generic sum of ints", SumAll(new[] { 1, 2, 3 }), 6);

// Shifts and built-in numeric conversion rules.
Check("int shift count masked to 5 bits", O(1) << 33, 2);
Check("long shift count masked to 6 bits", O(1L) << 65, 2L);
Check("arithmetic right shift of negative", O(-16) >> 2, -4);
Check("unsigned right shift >>>", O(-16) >>> 28, 15);
Check("byte shift promotes to int", O((byte)0x80) << 1, 256);
Check("double -> int truncates toward zero", ((int)O(-2.9), (int)O(2.9)), (-2, 2));
Check("double -> float rounding", (float)O(0.1), 0.1f);
Check("long -> double rounds to 2^63, back to long saturates", (long)(double)O(long.MaxValue - 1), long.MaxValue);
Check("decimal -> double", (double)O(0.1m), 0.1);
Check("char arithmetic", (char)(O('a') + 2), 'c');
Check("Math.Round banker's vs away", (Math.Round(2.5), Math.Round(2.5, MidpointRounding.AwayFromZero), Math.Round(-2.5)), (2.0, 3.0, -2.0));
Check("decimal rounding", (Math.Round(2.345m, 2), decimal.Round(2.355m, 2)), (2.34m, 2.36m));
Check("integer division and remainder signs", (O(-7) / 2, O(-7) % 2, O(7) % -2), (-3, -1, 1));
Check("float remainder", O(5.5) % 2, 1.5);

Console.WriteLine($"failed {failed}");
return failed;

[MethodImpl(MethodImplOptions.NoInlining)] static T O<T>(T value) => value;
static string Try(Func<object> f) { try { return "= " + f(); } catch (Exception e) { return e.GetType().Name; } }
static T SumAll<T>(T[] items) where T : System.Numerics.IAdditionOperators<T, T, T> { T s = items[0]; for (int i = 1; i < items.Length; i++) s += items[i]; return s; }

readonly struct Money(long cents, string currency) : System.Numerics.IAdditionOperators<Money, Money, Money>
{
    public long Cents => cents;
    public string Currency => currency;
    static string Same(Money x, Money y) => x.Currency == y.Currency ? x.Currency : throw new InvalidOperationException("currency mismatch");
    public static Money operator +(Money x, Money y) => new(x.Cents + y.Cents, Same(x, y));
    public static Money operator -(Money x, Money y) => new(x.Cents - y.Cents, Same(x, y));
    public static Money operator *(Money x, long k) => new(x.Cents * k, x.Currency);
    public static Money operator *(long k, Money x) => x * k;
    public static Money operator /(Money x, long k) => new(x.Cents / k, x.Currency);
    public static Money operator -(Money x) => new(-x.Cents, x.Currency);
    public static Money operator +(Money x) => x;
    public static bool operator <(Money x, Money y) => x.Cents < y.Cents;
    public static bool operator >(Money x, Money y) => x.Cents > y.Cents;
    public static bool operator <=(Money x, Money y) => x.Cents <= y.Cents;
    public static bool operator >=(Money x, Money y) => x.Cents >= y.Cents;
    public static bool operator ==(Money x, Money y) => x.Cents == y.Cents && x.Currency == y.Currency;
    public static bool operator !=(Money x, Money y) => !(x == y);
    public override bool Equals(object? o) => o is Money m && m == this;
    public override int GetHashCode() => (int)cents;
    public override string ToString() => $"{(cents / 100m).ToString(CultureInfo.InvariantCulture)} {currency}";
}

readonly struct Counter(int v)
{
    public int Value => v;
    public static Counter operator ++(Counter c) => new(c.Value + 1);
    public static Counter operator --(Counter c) => new(c.Value - 1);
}
sealed class RefCounter(int v)
{
    public int Value => v;
    public static RefCounter operator ++(RefCounter c) => new(c.Value + 1);
}

readonly struct Tri(int v)
{
    public int V => v;   // -1 false, 0 unknown, 1 true
    public static bool operator true(Tri t) => t.V > 0;
    public static bool operator false(Tri t) => t.V < 0;
    public static Tri operator &(Tri x, Tri y) => new(Math.Min(x.V, y.V));
    public static Tri operator |(Tri x, Tri y) => new(Math.Max(x.V, y.V));
    public static Tri operator !(Tri x) => new(-x.V);
}
readonly struct Bits(int v) { public int Value => v; public static Bits operator ~(Bits b) => new(~b.Value); }

readonly struct Small(sbyte v)
{
    public sbyte Value => v;
    public static Small operator +(Small x, Small y) => new(unchecked((sbyte)(x.Value + y.Value)));
    public static Small operator checked +(Small x, Small y) => new(checked((sbyte)(x.Value + y.Value)));
    public static explicit operator Small(int i) => new(unchecked((sbyte)i));
    public static explicit operator checked Small(int i) => new(checked((sbyte)i));
}

readonly struct Celsius(double d)
{
    public double Degrees => d;
    public static implicit operator double(Celsius c) => c.Degrees;
    public static implicit operator Celsius(double d) => new(d);
    public static explicit operator Fahrenheit(Celsius c) => new(c.Degrees * 9 / 5 + 32);
}
readonly struct Fahrenheit(double d) { public double Degrees => d; }
sealed class Meters(double v)
{
    public double Value => v;
    public static explicit operator int(Meters m) => (int)m.Value;
    public static implicit operator Kilometers(Meters m) => new(m.Value / 1000);
}
sealed class Kilometers(double v) { public double Value => v; }
