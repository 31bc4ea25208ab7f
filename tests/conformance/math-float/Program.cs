// System.MathF over many float inputs, printed as IEEE bits (hex) so a 1-ulp difference shows. The
// transcendental functions come from libm (glibc 2.36 on the host and, bound to the same FMA variants, in the image). Exit status =
// number of failed self-checks (identities any faithful libm satisfies).
int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}
string R(float f) => float.IsNaN(f) ? "NaN" : BitConverter.SingleToInt32Bits(f).ToString("X8");
float[] inputs =
{
    0f, -0f, 1e-40f, 1e-30f, 1e-8f, 0.001f, 0.1f, 0.25f, 0.5f, 0.70710677f, 0.75f, 0.9f, 0.99999f, 1f, 1.00001f, 1.5f, 2f, MathF.E, 3f, MathF.PI,
    4f, 10f, 22.5f, 88.7f, 89f, 100f, 355f, 1e10f, 1e30f, float.MaxValue, float.Epsilon, float.PositiveInfinity, float.NaN,
    -0.5f, -1f, -1.5f, -2f, -MathF.PI, -10f, -100f, -103.9f, float.NegativeInfinity, 1f / 3, 2f / 3, 12345.679f, 2.5f, -2.5f, 16777217f, 8388607.5f,
};
Console.WriteLine($"inputs: {string.Join(" ", inputs.Select(x => x.ToString("R")))}");
var unary = new (string Name, Func<float, float> F)[]
{
    ("Exp", MathF.Exp), ("Log", MathF.Log), ("Log10", MathF.Log10), ("Log2", MathF.Log2), ("Sqrt", MathF.Sqrt), ("Cbrt", MathF.Cbrt),
    ("Sin", MathF.Sin), ("Cos", MathF.Cos), ("Tan", MathF.Tan), ("Asin", MathF.Asin), ("Acos", MathF.Acos), ("Atan", MathF.Atan),
    ("Sinh", MathF.Sinh), ("Cosh", MathF.Cosh), ("Tanh", MathF.Tanh), ("Asinh", MathF.Asinh), ("Acosh", MathF.Acosh), ("Atanh", MathF.Atanh),
    ("Floor", MathF.Floor), ("Ceiling", MathF.Ceiling), ("Truncate", MathF.Truncate), ("Round", MathF.Round), ("Abs", MathF.Abs),
    ("BitIncrement", MathF.BitIncrement), ("BitDecrement", MathF.BitDecrement), ("Exp2", float.Exp2), ("Exp10", float.Exp10),
};
foreach (var (name, f) in unary)
    Console.WriteLine($"{name}: {string.Join(" ", inputs.Select(x => R(f(x))))}");
Console.WriteLine($"ILogB: {string.Join(" ", inputs.Select(MathF.ILogB))}");
float[] px = { 2f, -2f, 0.5f, 10f, 0f, -0f, 1f, -1f, float.PositiveInfinity, float.NaN, 1e-30f, 7.5f, -8f };
float[] py = { 3f, 0.5f, -1f, 0f, -0f, 1e10f, 1f / 3, 2.5f, float.NegativeInfinity, -3f, 127f, 128f, -149f };
foreach (var (name, f) in new (string, Func<float, float, float>)[] { ("Pow", MathF.Pow), ("Atan2", MathF.Atan2), ("IEEERemainder", MathF.IEEERemainder), ("%", (a, b) => a % b), ("Min", MathF.Min), ("Max", MathF.Max), ("CopySign", MathF.CopySign), ("Hypot", float.Hypot) })
    Console.WriteLine($"{name}: {string.Join(" ", px.SelectMany(x => py.Select(y => R(f(x, y)))))}");
Console.WriteLine($"ScaleB: {string.Join(" ", px.Select((x, i) => R(MathF.ScaleB(x, i * 25 - 150))))}");
Console.WriteLine($"FusedMultiplyAdd: {R(MathF.FusedMultiplyAdd(0.1f, 10, -1))} {R(0.1f * 10 - 1)} {R(MathF.FusedMultiplyAdd(1e38f, 10, -1e38f))} {R(MathF.FusedMultiplyAdd(-0f, 0f, 0f))}");
foreach (var mode in new[] { MidpointRounding.ToEven, MidpointRounding.AwayFromZero, MidpointRounding.ToZero, MidpointRounding.ToNegativeInfinity, MidpointRounding.ToPositiveInfinity })
    Console.WriteLine($"Round {mode}: {string.Join(" ", new[] { 0.5f, 1.5f, 2.5f, -0.5f, -2.5f, 0.49999997f, 1.005f, -7.125f }.Select(x => MathF.Round(x, mode).ToString("R") + "/" + MathF.Round(x, 2, mode).ToString("R")))}");
bool Near(float a, float b) => MathF.Abs(a - b) <= 4 * (MathF.BitIncrement(MathF.Abs(b)) - MathF.Abs(b));
Check(Near(MathF.Exp(MathF.Log(10)), 10), "exp(log)");
Check(Near(MathF.Sin(MathF.PI / 6), 0.5f), "sin");
Check(MathF.Pow(2, 10) == 1024 && MathF.Log2(1024) == 10 && MathF.Sqrt(16) == 4, "exact");
Console.WriteLine($"failures: {failures}");
return failures;
