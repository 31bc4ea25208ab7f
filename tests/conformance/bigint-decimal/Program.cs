// System.Numerics.BigInteger (factorials, powers, ModPow, GCD, division and remainder signs,
// shifts and bitwise ops on negatives (two's complement semantics), Parse/ToString in decimal and
// hex, byte-array round-trips, Log/explicit conversions) and System.Decimal (arithmetic at the
// 28-29 digit limit, scale handling, rounding in every MidpointRounding mode, overflow,
// conversions to/from double, Truncate/Floor/Ceiling, GetBits). Both are pure managed code over
// 32/64-bit integer arithmetic. Exit status = number of failed self-checks.
using System.Globalization;
using System.Numerics;

int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}
var inv = CultureInfo.InvariantCulture;

BigInteger f = 1;
for (int i = 1; i <= 100; i++) f *= i;
Console.WriteLine($"100!: {f}");
Console.WriteLine($"100! digits {f.ToString().Length} bits {f.GetBitLength()} trailing zero bits {BigInteger.TrailingZeroCount(f)} hex {f.ToString("X").Substring(0, 20)}...");
BigInteger p = BigInteger.Pow(2, 521) - 1;
Console.WriteLine($"2^521-1: {p}");
Console.WriteLine($"3^200: {BigInteger.Pow(3, 200)}");
Console.WriteLine($"ModPow(3, 10^18, 2^521-1) mod 10^12: {BigInteger.ModPow(3, BigInteger.Pow(10, 18), p) % BigInteger.Pow(10, 12)}");
Console.WriteLine($"Fermat test 2^(p-1) mod p == 1: {BigInteger.ModPow(2, p - 1, p).IsOne}");
Console.WriteLine($"GCD(100!, 2^300*3^7): {BigInteger.GreatestCommonDivisor(f, BigInteger.Pow(2, 300) * 2187)}");
BigInteger q = BigInteger.DivRem(f, p, out BigInteger rem);
Console.WriteLine($"100! / (2^521-1) = {q} rem {rem}");
Check(q * p + rem == f, "divrem identity");
foreach (var (a, b) in new (BigInteger, BigInteger)[] { (17, 5), (-17, 5), (17, -5), (-17, -5), (BigInteger.Parse("-123456789012345678901234567890"), 97) })
    Console.WriteLine($"{a} / {b} = {a / b} rem {a % b} (BigInteger.Remainder {BigInteger.Remainder(a, b)}) mod-floor {((a % b) + b) % b}");
BigInteger neg = -BigInteger.Pow(2, 70) + 12345;
Console.WriteLine($"neg: {neg} >> 3 {neg >> 3} << 5 {neg << 5} & 0xFFFF {neg & 0xFFFF} | 1 {neg | 1} ^ -1 {neg ^ -1} ~ {~neg} sign {neg.Sign} hex {neg.ToString("X")}");
Console.WriteLine($"bytes: {Convert.ToHexString(neg.ToByteArray())} unsigned big-endian {Convert.ToHexString(BigInteger.Pow(2, 70).ToByteArray(isUnsigned: true, isBigEndian: true))} back {new BigInteger(neg.ToByteArray())}");
Console.WriteLine($"Parse: {BigInteger.Parse("  -000123456789012345678901234567890123  ", inv)} hex {BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFF", NumberStyles.HexNumber)} negative hex {BigInteger.Parse("F0", NumberStyles.HexNumber)} exp {BigInteger.Parse("1.5e30", NumberStyles.Float)} TryParse bad {BigInteger.TryParse("12x", out _)}");
Console.WriteLine($"Format: {BigInteger.Pow(10, 25):N0} {BigInteger.Pow(7, 30):E5} {new BigInteger(255):X4} {new BigInteger(-1):X} {BigInteger.Pow(2, 64):D30}");
Console.WriteLine($"conversions: {(double)f:R} {(long)(BigInteger)long.MaxValue} {(double)BigInteger.Pow(2, 1100)} {(decimal)BigInteger.Pow(10, 27)} {new BigInteger(1e300).ToString().Substring(0, 25)} {new BigInteger(-2.9)} Log10 {BigInteger.Log10(f):F10} Log {BigInteger.Log(p, 2):F6}");
try { _ = (long)f; } catch (OverflowException) { Console.WriteLine("(long)100!: OverflowException"); }
try { _ = BigInteger.One / BigInteger.Zero; } catch (DivideByZeroException) { Console.WriteLine("BigInteger / 0: DivideByZeroException"); }
Console.WriteLine($"compare: {BigInteger.Compare(p, f)} {p > f} {BigInteger.Max(p, f) == f} Min {BigInteger.Min(-5, 3)} Abs {BigInteger.Abs(neg)} IsPow2 {BigInteger.IsPow2(BigInteger.Pow(2, 300))} {BigInteger.IsPow2(p)} IsEven {f.IsEven}");
BigInteger fib1 = 0, fib2 = 1;
for (int i = 0; i < 1000; i++) (fib1, fib2) = (fib2, fib1 + fib2);
Console.WriteLine($"fib(1000) = {fib1}");
BigInteger sq = BigInteger.Pow(123456789, 20);
BigInteger r = (BigInteger)Math.Sqrt((double)sq);
for (int i = 0; i < 50; i++) r = (r + sq / r) / 2; // Newton
Check(r == BigInteger.Pow(123456789, 10), "integer sqrt");

// decimal
decimal[] ds = { 1m, 0.1m, 1m / 3m, 2m / 3m, 79228162514264337593543950335m, -79228162514264337593543950335m, 0.0000000000000000000000000001m, 1.0000000000000000000000000001m, 123.4500m, -0.5m, 2.5m, 1e-10m };
foreach (var d in ds)
    Console.WriteLine($"decimal {d}: scale {d.Scale} bits {string.Join(",", decimal.GetBits(d).Select(b => b.ToString("X8")))} *3 {Try(() => d * 3)} /7 {Try(() => d / 7)} +1 {Try(() => d + 1)} sq {Try(() => d * d)} double {(double)d:R}");
Console.WriteLine($"1/3*3 = {1m / 3m * 3m} 1/3+1/3+1/3 = {1m / 3m + 1m / 3m + 1m / 3m} 0.1+0.2 = {0.1m + 0.2m} == 0.3 {0.1m + 0.2m == 0.3m} 1.10 == 1.1 {1.10m == 1.1m}");
Console.WriteLine($"trailing zeros kept: {1.10m * 2} {1.5m + 1.50m} {10m / 4m} {100m / 100m} {1.000m * 1.00m} {decimal.Parse("1.2300", inv)} normalized {1.2300m / 1.000000000000000000000000000000m}");
decimal[] rounders = { 2.5m, 3.5m, -2.5m, 2.45m, 2.55m, -2.55m, 1.005m, 123.456789m, 0.5m, -0.5m };
foreach (var mode in new[] { MidpointRounding.ToEven, MidpointRounding.AwayFromZero, MidpointRounding.ToZero, MidpointRounding.ToNegativeInfinity, MidpointRounding.ToPositiveInfinity })
    Console.WriteLine($"decimal Round {mode}: {string.Join(" ", rounders.Select(x => Math.Round(x, mode)))} | 1dp {string.Join(" ", rounders.Select(x => Math.Round(x, 1, mode)))}");
Console.WriteLine($"Truncate/Floor/Ceiling: {decimal.Truncate(-2.7m)} {decimal.Floor(-2.7m)} {decimal.Ceiling(-2.7m)} {decimal.Floor(2.7m)} {decimal.Ceiling(2.1m)} Negate {decimal.Negate(5m)} Remainder {decimal.Remainder(-7.5m, 2m)} {7.5m % -2m}");
decimal max = V(decimal.MaxValue), zero = V(0m); double big = V(1e30), nan = V(double.NaN); // not constants: the compiler would fold them
Console.WriteLine($"overflow: {Try(() => max + 1)} {Try(() => max * 1.1m)} {Try(() => 1m / zero)} {Try(() => (decimal)big)} {Try(() => (decimal)nan)} {Try(() => -max - 1)}");
Console.WriteLine($"from double: {(decimal)0.1} {(decimal)(1.0 / 3)} {(decimal)1e-20} {(decimal)123456789.123456789} {(decimal)3.4e20f} {new decimal(1e-30)} from float {(decimal)0.1f}");
Console.WriteLine($"to int: {(int)2.9m} {(int)-2.9m} {(long)decimal.Parse("9223372036854775807.9", inv)} {Try(() => (int)V(3e9m))} ToInt64 {decimal.ToInt64(-1.5m)} ToOACurrency {decimal.ToOACurrency(12.34567m)}");
decimal compound = 1000m;
for (int i = 0; i < 360; i++) compound *= 1m + 0.05m / 12m;
Console.WriteLine($"compound interest 30y monthly: {compound} rounded {Math.Round(compound, 2)}");
decimal sum = 0; for (int i = 1; i <= 10000; i++) sum += 1m / i;
Console.WriteLine($"harmonic(10000): {sum}");
Check(decimal.Parse(sum.ToString(inv), inv) == sum, "decimal round-trip");
Check(new decimal(decimal.GetBits(compound)) == compound, "GetBits round-trip");
Console.WriteLine($"failures: {failures}");
return failures;

static T V<T>(T x) => x;
static string Try<T>(Func<T> f) { try { return f()!.ToString()!; } catch (Exception e) { return e.GetType().Name; } }
