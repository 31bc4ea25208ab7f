// Checked arithmetic on every integer type (sbyte, byte, short, ushort, int, uint, long, ulong,
// nint, nuint, char): add/subtract/multiply/negate/increment overflow in checked context and the
// wrapped result in unchecked context; checked narrowing and sign-changing casts between all
// pairs of integer types (a table of which casts throw); checked float/double -> integer casts
// (NaN, infinities, fractional edges); division by zero and MinValue / -1; decimal overflow and
// decimal -> integer conversions; Convert.ToXxx and Math.Abs/Math.Checked overflow. Prints the
// exception type only: images are built with UseSystemResourceKeys, so class-library messages are
// resource keys ("Arg_OverflowException") rather than host .NET's text; the message-comparing
// variant is kept out of the suite until that changes. Exit status = failed checks.
using System.Runtime.CompilerServices;

int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}
string Try(Func<object> f) { try { return "= " + f(); } catch (Exception e) { return e.GetType().Name; } }
const string Ovf = "OverflowException";

// Per type: checked ops at the boundary, unchecked wrapping.
Check("sbyte add", Try(() => checked((sbyte)(O<sbyte>(127) + 1))), Ovf);
Check("sbyte unchecked", unchecked((sbyte)(O<sbyte>(127) + 1)), (sbyte)-128);
Check("byte sub", Try(() => checked((byte)(O<byte>(0) - 1))), Ovf);
Check("byte unchecked", unchecked((byte)(O<byte>(0) - 1)), (byte)255);
Check("short mul", Try(() => checked((short)(O<short>(200) * 200))), Ovf);
Check("ushort add", Try(() => checked((ushort)(O<ushort>(65535) + 1))), Ovf);
Check("char add", Try(() => checked((char)(O<char>('\uffff') + 1))), Ovf);
Check("int add", Try(() => checked(O(int.MaxValue) + 1)), Ovf);
Check("int sub", Try(() => checked(O(int.MinValue) - 1)), Ovf);
Check("int mul", Try(() => checked(O(65536) * 65536)), Ovf);
Check("int neg", Try(() => checked(-O(int.MinValue))), Ovf);
Check("int unchecked mul", unchecked(O(65536) * 65536), 0);
Check("int in range", Try(() => checked(O(46340) * 46340)), "= 2147395600");
Check("uint sub", Try(() => checked(O(0u) - 1u)), Ovf);
Check("uint mul", Try(() => checked(O(0x10000u) * 0x10000u)), Ovf);
Check("uint unchecked", unchecked(O(0u) - 1u), uint.MaxValue);
Check("long add", Try(() => checked(O(long.MaxValue) + 1)), Ovf);
Check("long mul", Try(() => checked(O(1L << 32) * (1L << 31))), Ovf);
Check("long mul negative ok", Try(() => checked(O(-(1L << 32)) * (1L << 31))), "= -9223372036854775808");
Check("long neg", Try(() => checked(-O(long.MinValue))), Ovf);
Check("ulong add", Try(() => checked(O(ulong.MaxValue) + 1)), Ovf);
Check("ulong mul", Try(() => checked(O(1UL << 32) * (1UL << 32))), Ovf);
Check("ulong unchecked mul", unchecked(O(1UL << 32) * (1UL << 32)), 0UL);
Check("nint add", Try(() => checked(O(nint.MaxValue) + 1)), Ovf);
Check("nuint sub", Try(() => checked(O((nuint)0) - 1)), Ovf);
int counter = int.MaxValue;
Check("checked ++", Try(() => { checked { counter++; } return counter; }), Ovf);
Check("counter unchanged", counter, int.MaxValue);
Check("checked +=", Try(() => { long l = O(long.MinValue); checked { l -= 1; } return l; }), Ovf);

// Cast table: value -> every integer type, checked. 'x' = OverflowException, '.' = fits.
long[] sources = [-129, -1, 0, 127, 128, 255, 256, 32767, 32768, 65535, 65536, int.MaxValue, 1L + int.MaxValue, uint.MaxValue, 1L + uint.MaxValue, long.MaxValue];
Console.WriteLine("  value                 sb b  s  us i  ui l  ul c");
foreach (var v in sources)
{
    var row = string.Join("  ", new Func<object>[]
    {
        () => checked((sbyte)O(v)), () => checked((byte)O(v)), () => checked((short)O(v)), () => checked((ushort)O(v)),
        () => checked((int)O(v)), () => checked((uint)O(v)), () => checked((long)O(v)), () => checked((ulong)O(v)), () => checked((char)O(v)),
    }.Select(f => Try(f).StartsWith("=") ? "." : "x"));
    Console.WriteLine($"  {v,-20}  {row}");
}
Check("ulong max -> long", Try(() => checked((long)O(ulong.MaxValue))), Ovf);
Check("ulong max -> long unchecked", unchecked((long)O(ulong.MaxValue)), -1L);
Check("uint -> int", Try(() => checked((int)O(0x80000000u))), Ovf);
Check("int -> uint negative", Try(() => checked((uint)O(-1))), Ovf);
Check("nint -> int", Try(() => checked((int)O(unchecked((nint)long.MaxValue)))), Ovf);
Check("long -> nuint negative", Try(() => checked((nuint)O(-1L))), Ovf);

// Floating point -> integer, checked.
Check("double NaN -> int", Try(() => checked((int)O(double.NaN))), Ovf);
Check("double +inf -> long", Try(() => checked((long)O(double.PositiveInfinity))), Ovf);
Check("double 2^31 -> int", Try(() => checked((int)O(2147483648.0))), Ovf);
Check("double 2^31-0.5 -> int", Try(() => checked((int)O(2147483647.5))), "= 2147483647");
Check("double -2^31-0.5 -> int", Try(() => checked((int)O(-2147483648.5))), "= -2147483648");
Check("double -2^31-1 -> int", Try(() => checked((int)O(-2147483649.0))), Ovf);
Check("double -0.9 -> uint", Try(() => checked((uint)O(-0.9))), "= 0");
Check("double -1.0 -> uint", Try(() => checked((uint)O(-1.0))), Ovf);
Check("double 2^64 -> ulong", Try(() => checked((ulong)O(18446744073709551616.0))), Ovf);
Check("double 2^63 -> ulong", Try(() => checked((ulong)O(9223372036854775808.0))), "= 9223372036854775808");
Check("float 300 -> byte", Try(() => checked((byte)O(300f))), Ovf);
Check("float 255.9 -> byte", Try(() => checked((byte)O(255.9f))), "= 255");
Check("unchecked NaN -> int (saturating in .NET 9+)", unchecked((int)O(double.NaN)), 0);
Check("unchecked 1e20 -> int (saturating)", unchecked((int)O(1e20)), int.MaxValue);
Check("unchecked -1e20 -> long (saturating)", unchecked((long)O(-1e20)), long.MinValue);
Check("unchecked -1 -> ulong (saturating)", unchecked((ulong)O(-1.0)), 0UL);

// Division.
Check("int / 0", Try(() => O(1) / O(0)), "DivideByZeroException");
Check("long % 0", Try(() => O(1L) % O(0L)), "DivideByZeroException");
Check("uint / 0", Try(() => O(1u) / O(0u)), "DivideByZeroException");
Check("int.MinValue / -1", Try(() => O(int.MinValue) / O(-1)), Ovf);
Check("long.MinValue / -1", Try(() => O(long.MinValue) / O(-1L)), Ovf);
Check("int.MinValue % -1", Try(() => O(int.MinValue) % O(-1)), Ovf);
Check("double / 0 is infinity", O(1.0) / O(0.0), double.PositiveInfinity);
Check("decimal / 0", Try(() => O(1m) / O(0m)), "DivideByZeroException");

// Decimal.
Check("decimal add overflow", Try(() => O(decimal.MaxValue) + 1m), "OverflowException");
Check("decimal mul overflow", Try(() => O(decimal.MaxValue) * 1.5m), "OverflowException");
Check("decimal sub overflow", Try(() => O(decimal.MinValue) - 1m), "OverflowException");
Check("decimal -> int", Try(() => (int)O(3e9m)), "OverflowException");
Check("decimal -> byte", Try(() => (byte)O(-1m)), "OverflowException");
Check("decimal -> long truncates", Try(() => (long)O(-2.9m)), "= -2");
Check("decimal from double NaN", Try(() => (decimal)O(double.NaN)), "OverflowException");
Check("decimal from 1e30 double", Try(() => (decimal)O(1e30)), "OverflowException");
Check("decimal tiny mul rounds to 0", O(1e-20m) * 1e-20m, 0m);

// Convert and Math.
Check("Convert.ToInt32(long)", Try(() => Convert.ToInt32(O(3_000_000_000L))), "OverflowException");
Check("Convert.ToInt32(double) rounds half to even", Try(() => Convert.ToInt32(O(2.5))), "= 2");
Check("Convert.ToInt32(double) overflow", Try(() => Convert.ToInt32(O(2147483647.5))), "OverflowException");
Check("Convert.ToByte(int)", Try(() => Convert.ToByte(O(256))), "OverflowException");
Check("Convert.ToUInt32(-1)", Try(() => Convert.ToUInt32(O(-1))), "OverflowException");
Check("Convert.ToInt16(string)", Try(() => Convert.ToInt16("40000")), "OverflowException");
Check("int.Parse overflow", Try(() => int.Parse("2147483648")), "OverflowException");
Check("ulong.Parse negative", Try(() => ulong.Parse("-1")), "OverflowException");
Check("Math.Abs(int.MinValue)", Try(() => Math.Abs(O(int.MinValue))), "OverflowException");
Check("Math.Abs(long.MinValue)", Try(() => Math.Abs(O(long.MinValue))), "OverflowException");
Check("Math.Abs(sbyte.MinValue)", Try(() => Math.Abs(O(sbyte.MinValue))), "OverflowException");
Check("Math.BigMul no overflow", Math.BigMul(O(long.MaxValue), O(long.MaxValue), out long low) + low, 4611686018427387903L + 1);
Check("checked via generic math", Try(() => AddChecked(O(byte.MaxValue), (byte)1)), Ovf);
Check("int.CreateChecked(long)", Try(() => int.CreateChecked(O(long.MaxValue))), Ovf);

Console.WriteLine($"failed {failed}");
return failed;

[MethodImpl(MethodImplOptions.NoInlining)] static T O<T>(T value) => value;
static T AddChecked<T>(T a, T b) where T : System.Numerics.IAdditionOperators<T, T, T> => checked(a + b);
