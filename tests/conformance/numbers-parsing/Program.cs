// Number parsing: int/long/uint/double/float/decimal Parse and TryParse with NumberStyles (hex,
// thousands, currency, exponents, whitespace, parentheses), overflow and format failures (the
// exception type is printed), and round-trips of doubles through "R". Number.Parsing is managed
// code with its own big-number arithmetic for correctly rounded doubles; an image that differs
// from host .NET in any digit or exception is wrong. Exit status = number of failed self-checks.
using System.Globalization;

int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}
var inv = CultureInfo.InvariantCulture;

string Try<T>(Func<T> parse)
{
    try { return parse()?.ToString() ?? "null"; }
    catch (Exception e) { return e.GetType().Name; }
}

string[] intInputs = { "0", "42", "-42", "+17", "  123  ", "2147483647", "2147483648", "-2147483648", "-2147483649", "1,000", "1e3", "", " ", "abc", "12a", "0x1F", "١٢٣", "00000000000000000000000000042", "-0", "1_000" };
foreach (var s in intInputs)
{
    bool ok = int.TryParse(s, NumberStyles.Integer, inv, out int v);
    Console.WriteLine($"int [{s}]: Parse={Try(() => int.Parse(s, inv))} TryParse={ok}/{v} Thousands={Try(() => int.Parse(s, NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, inv))} Float={Try(() => int.Parse(s, NumberStyles.Float, inv))}");
}
Console.WriteLine($"int null: {Try(() => int.Parse((string)null!))} TryParse null: {int.TryParse((string?)null, out _)}");

string[] hexInputs = { "FF", "ff", "7FFFFFFF", "80000000", "FFFFFFFF", "100000000", "0x10", " 1a ", "G", "DEADBEEF" };
foreach (var s in hexInputs)
    Console.WriteLine($"hex [{s}]: int={Try(() => int.Parse(s, NumberStyles.HexNumber, inv))} uint={Try(() => uint.Parse(s, NumberStyles.HexNumber, inv))} long={Try(() => long.Parse(s, NumberStyles.HexNumber, inv))}");
Console.WriteLine($"binary: {Try(() => int.Parse("101010", NumberStyles.BinaryNumber, inv))} {Try(() => byte.Parse("100000000", NumberStyles.BinaryNumber, inv))}");

Console.WriteLine($"long: {Try(() => long.Parse("9223372036854775807", inv))} {Try(() => long.Parse("9223372036854775808", inv))} {Try(() => long.Parse("-9223372036854775808", inv))}");
Console.WriteLine($"ulong: {Try(() => ulong.Parse("18446744073709551615", inv))} {Try(() => ulong.Parse("18446744073709551616", inv))} {Try(() => ulong.Parse("-1", inv))} {Try(() => ulong.Parse("-0", inv))}");
Console.WriteLine($"byte/sbyte/short: {Try(() => byte.Parse("255"))} {Try(() => byte.Parse("256"))} {Try(() => sbyte.Parse("-128"))} {Try(() => short.Parse("-32769"))}");
Console.WriteLine($"currency/parens: {Try(() => int.Parse("(42)", NumberStyles.AllowParentheses, inv))} {Try(() => decimal.Parse("¤1,234.50", NumberStyles.Currency, inv))} {Try(() => int.Parse("42-", NumberStyles.AllowTrailingSign, inv))}");
Console.WriteLine($"Convert: {Convert.ToInt32("ff", 16)} {Convert.ToInt32("11111111111111111111111111111011", 2)} {Try(() => Convert.ToInt32("-101", 2))} {Convert.ToInt64("777", 8)} {Try(() => Convert.ToByte("1ff", 16))} {Convert.ToString(255, 2)} {Convert.ToString(-1, 16)}");

string[] dblInputs = { "0", "-0", "1.5", "-1.5e10", "1e308", "1e309", "-1e309", "4.9e-324", "2e-324", "3e-324", "1e-400", "0.1", "0.30000000000000004", "NaN", "-NaN", "Infinity", "-Infinity", "∞", "1.7976931348623157E+308", "1.7976931348623158E+308", "1.7976931348623159E+308",
    "2.2250738585072011e-308", "9007199254740993", "9007199254740992.9999999999", "123,456.78", ".5", "5.", "1e", "e5", "+.5e-3", "  3.25  ", "0x10", "1_0", "0.000000000000000000000000000000000000000000001",
    "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" };
foreach (var s in dblInputs)
{
    string r = Try(() => BitConverter.DoubleToInt64Bits(double.Parse(s, NumberStyles.Float | NumberStyles.AllowThousands, inv)).ToString("X16"));
    bool ok = double.TryParse(s, NumberStyles.Float, inv, out double d);
    Console.WriteLine($"double [{(s.Length > 40 ? s[..40] + "..." : s)}]: bits={r} TryParse={ok}/{d.ToString("R", inv)} float={Try(() => BitConverter.SingleToInt32Bits(float.Parse(s, inv)).ToString("X8"))}");
}

string[] decInputs = { "0", "1.50", "-0.00", "79228162514264337593543950335", "79228162514264337593543950336", "0.0000000000000000000000000001", "0.00000000000000000000000000001", "0.00000000000000000000000000005", "1e5", "1.23456789012345678901234567890123", "-12,345.6789", "abc" };
foreach (var s in decInputs)
    Console.WriteLine($"decimal [{s}]: {Try(() => decimal.Parse(s, NumberStyles.Float | NumberStyles.AllowThousands, inv))} bits={Try(() => string.Join(",", decimal.GetBits(decimal.Parse(s, NumberStyles.Float | NumberStyles.AllowThousands, inv)).Select(b => b.ToString("X8"))))}");

// Round-trip: many doubles through R and back, bits must match.
ulong state = 0x9E3779B97F4A7C15;
int bad = 0, count = 0;
for (int i = 0; i < 3000; i++)
{
    state ^= state << 13; state ^= state >> 7; state ^= state << 17;
    double d = BitConverter.Int64BitsToDouble((long)state);
    if (!double.IsFinite(d)) continue;
    count++;
    if (BitConverter.DoubleToInt64Bits(double.Parse(d.ToString("R", inv), inv)) != BitConverter.DoubleToInt64Bits(d)) bad++;
    if (BitConverter.DoubleToInt64Bits(double.Parse(d.ToString("E16", inv), inv)) != BitConverter.DoubleToInt64Bits(d)) bad++;
    float f = (float)d;
    if (float.IsFinite(f) && BitConverter.SingleToInt32Bits(float.Parse(f.ToString(inv), inv)) != BitConverter.SingleToInt32Bits(f)) bad++;
}
Console.WriteLine($"round-trips: {count} values, {bad} mismatches");
Check(bad == 0, "round-trips");

// Span and UTF-8 parsing
Check(int.Parse("xx123yy".AsSpan(2, 3)) == 123, "span parse");
Check(int.TryParse("456"u8, out int u8v) && u8v == 456, "utf8 parse");
Check(double.TryParse("2.5"u8, NumberStyles.Float, inv, out double u8d) && u8d == 2.5, "utf8 double parse");
Check(!int.TryParse("99999999999", out _), "overflow TryParse false");
Check(Int128.Parse("-170141183460469231731687303715884105728") == Int128.MinValue, "Int128 parse");
Check(UInt128.Parse("340282366920938463463374607431768211455") == UInt128.MaxValue, "UInt128 parse");
Console.WriteLine($"Int128: {Try(() => Int128.Parse("170141183460469231731687303715884105728"))} {Try(() => UInt128.Parse("ffffffffffffffffffffffffffffffff", NumberStyles.HexNumber))}");

// Enum and bool, Guid, Version parsing
Console.WriteLine($"bool: {Try(() => bool.Parse("TRUE"))} {Try(() => bool.Parse(" false "))} {Try(() => bool.Parse("yes"))}");
Console.WriteLine($"enum: {Try(() => Enum.Parse<DayOfWeek>("friday", true))} {Try(() => Enum.Parse<DayOfWeek>("3"))} {Try(() => Enum.Parse<FileAccess>("Read, Write"))} {Try(() => Enum.Parse<DayOfWeek>("Funday"))}");
Console.WriteLine($"Guid: {Try(() => Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"))} {Try(() => Guid.ParseExact("0F8FAD5BD9CB469FA16570867728950E", "N").ToString("B"))} {Try(() => Guid.Parse("nope"))}");
Console.WriteLine($"Version: {Try(() => Version.Parse("1.2.3.4"))} {Try(() => Version.Parse("1"))}");

Console.WriteLine($"failures: {failures}");
return failures;
