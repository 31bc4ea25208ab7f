// Number formatting: integers and floating point through standard (N, X, E, P, R, G, F, D, C)
// and custom ("0.00#", "#,##0", sections) format strings, composite alignment and interpolation,
// and the shortest round-trip double/float ToString() for tricky values (0.1+0.2, subnormals,
// NaN, -0.0, extremes). Number.Formatting and the Dragon4/Grisu code are pure managed code over
// 64/128-bit integer arithmetic; any codegen or runtime difference in the image changes a digit.
// Exit status = number of failed self-checks (round-trips that do not give back the same bits).
using System.Globalization;

int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}
var inv = CultureInfo.InvariantCulture;

long[] ints = { 0, 1, -1, 7, 42, -42, 255, 1000, -1234567, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue, 1_000_000_007 };
string[] intFormats = { "D", "D8", "N0", "N2", "X", "X8", "x16", "E3", "P", "F1", "G", "C", "0000", "#,##0", "#,##0.00;(#,##0.00);zero", "00-00-00", "#" };
foreach (long v in ints)
{
    var parts = new List<string>();
    foreach (var f in intFormats)
        parts.Add(f + "=" + v.ToString(f, inv));
    Console.WriteLine($"long {v}: {string.Join(" ", parts)}");
}
Console.WriteLine($"byte/short/uint/ulong: {((byte)200).ToString("X")} {((sbyte)-5).ToString("X")} {((short)-2).ToString("X")} {uint.MaxValue:N0} {ulong.MaxValue} {ulong.MaxValue:X}");
Console.WriteLine($"binary: {42.ToString("B")} {255.ToString("B12")} {(-1).ToString("B")}");

double[] doubles = { 0.0, -0.0, 1.0, -1.5, 0.1, 0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0, 123456.789, -0.000123456, 1e-300, 1e300, 5e-324, double.Epsilon * 3,
    double.MaxValue, double.MinValue, 2.2250738585072014E-308, 9007199254740993.0, 1e21, 1e15, 123456789012345680.0, 0.5, 2.5, -2.5, 1.005, 1.045,
    Math.PI, Math.E, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 4.35, 0.3, 100.0, 1e16, 1.7976931348623157e308 / 3 };
string[] dblFormats = { "R", "G", "G17", "G5", "E3", "e10", "F2", "F0", "N2", "P1", "0.00#", "#,##0.###", "0.###E+00", "00.00;neg;zero", "C2" };
foreach (double d in doubles)
{
    var parts = new List<string> { "ToString()=" + d.ToString(inv) };
    foreach (var f in dblFormats)
        parts.Add(f + "=" + d.ToString(f, inv));
    parts.Add("bits=" + BitConverter.DoubleToInt64Bits(d).ToString("X16"));
    Console.WriteLine(string.Join(" ", parts));
    if (!double.IsNaN(d))
    {
        Check(BitConverter.DoubleToInt64Bits(double.Parse(d.ToString(inv), inv)) == BitConverter.DoubleToInt64Bits(d), $"round-trip {d:R}");
        Check(BitConverter.DoubleToInt64Bits(double.Parse(d.ToString("R", inv), inv)) == BitConverter.DoubleToInt64Bits(d), $"round-trip R {d:R}");
    }
}

float[] floats = { 0f, -0f, 0.1f, 0.1f + 0.2f, 1f / 3f, 16777217f, float.MaxValue, float.MinValue, float.Epsilon, 1.17549435E-38f, 3.14159265f, 1e10f, 1e-10f, float.NaN, float.NegativeInfinity, 100.5f, 0.7f };
foreach (float f in floats)
{
    Console.WriteLine($"float {f.ToString(inv)} R={f.ToString("R", inv)} G9={f.ToString("G9", inv)} E2={f.ToString("E2", inv)} F3={f.ToString("F3", inv)} bits={BitConverter.SingleToInt32Bits(f):X8} as double={((double)f).ToString(inv)}");
    if (!float.IsNaN(f))
        Check(BitConverter.SingleToInt32Bits(float.Parse(f.ToString(inv), inv)) == BitConverter.SingleToInt32Bits(f), $"float round-trip {f}");
}

Half[] halves = { (Half)0.1, (Half)1.5, Half.MaxValue, Half.Epsilon, (Half)(-65504), Half.NaN };
Console.WriteLine($"Half: {string.Join(" ", halves.Select(h => h.ToString(inv)))}");

decimal[] decimals = { 0m, 1.5m, -1.50m, 0.1m + 0.2m, 1m / 3m, decimal.MaxValue, decimal.MinValue, 123.456789m, 0.000001m, 1e-28m };
foreach (decimal m in decimals)
    Console.WriteLine($"decimal {m.ToString(inv)} N2={m.ToString("N2", inv)} F4={m.ToString("F4", inv)} E5={m.ToString("E5", inv)} G={m.ToString("G", inv)} 0.0#={m.ToString("0.0#", inv)} P0={m.ToString("P0", inv)}");

// Composite formatting and interpolation alignment
Console.WriteLine(string.Format(inv, "[{0,10}] [{0,-10}] [{1,10:F3}] [{1,-10:E1}] [{2,8:X}] [{3,12:N0}]", 42, Math.PI, 48879, 1234567890));
int n = 7; double x = 2.0 / 7;
Console.WriteLine(FormattableString.Invariant($"[{n,5}] [{n,-5}] [{x,12:F6}] [{x:P2}] [{-x,10:0.000}] [{n:D3}] [{n,6:X2}]"));
Console.WriteLine(string.Create(inv, $"interpolated double {0.1 + 0.2} float {0.1f + 0.2f} decimal {0.1m + 0.2m}"));

// Span-based formatting
Span<char> buf = stackalloc char[64];
Check(12345.678.TryFormat(buf, out int written, "F1", inv) && buf[..written].SequenceEqual("12345.7"), "TryFormat F1");
Check(!123456789.TryFormat(buf[..4], out _), "TryFormat too small");
Console.WriteLine($"TryFormat: {buf[..written].ToString()}");

// Shortest round-trip over a range of doubles derived from integers (deterministic sample)
ulong bits = 0x3FF0000000000000;
int bad = 0;
var hashDigits = new System.Text.StringBuilder();
for (int i = 0; i < 2000; i++)
{
    bits = bits * 6364136223846793005UL + 1442695040888963407UL;
    double d = BitConverter.Int64BitsToDouble((long)(bits & 0x7FEFFFFFFFFFFFFF));
    string s = d.ToString("R", inv);
    if (BitConverter.DoubleToInt64Bits(double.Parse(s, inv)) != BitConverter.DoubleToInt64Bits(d)) bad++;
    if (i % 200 == 0) hashDigits.Append(s).Append(' ');
}
Console.WriteLine($"random doubles sample: {hashDigits.ToString().TrimEnd()}");
Check(bad == 0, $"random round-trip failures {bad}");

Console.WriteLine($"failures: {failures}");
return failures;
