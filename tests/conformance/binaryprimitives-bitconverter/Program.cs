// BinaryPrimitives (big/little-endian reads and writes of every width, ReverseEndianness, float and
// double), BitConverter (GetBytes/To*/bits conversions/TryWriteBytes, ToString with dashes),
// BitOperations (PopCount/LeadingZeroCount/TrailingZeroCount/Log2/RotateLeft/RotateRight/
// IsPow2/RoundUpToPowerOf2; these map to popcnt/lzcnt/tzcnt/bsr instructions or software
// fallbacks), and Int128/UInt128 arithmetic (multiply, divide, shifts, overflow checks,
// conversions to/from double). Exit status = number of failed self-checks.
using System.Buffers.Binary;
using System.Numerics;

int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}

byte[] buf = new byte[16];
for (int i = 0; i < buf.Length; i++) buf[i] = (byte)(0xF0 - i * 0x11);
Console.WriteLine($"buffer: {Convert.ToHexString(buf)}");
Console.WriteLine($"LE: i16 {BinaryPrimitives.ReadInt16LittleEndian(buf)} u16 {BinaryPrimitives.ReadUInt16LittleEndian(buf):X4} i32 {BinaryPrimitives.ReadInt32LittleEndian(buf)} u32 {BinaryPrimitives.ReadUInt32LittleEndian(buf.AsSpan(1)):X8} i64 {BinaryPrimitives.ReadInt64LittleEndian(buf)} u64 {BinaryPrimitives.ReadUInt64LittleEndian(buf.AsSpan(3)):X16} i128 {BinaryPrimitives.ReadInt128LittleEndian(buf)}");
Console.WriteLine($"BE: i16 {BinaryPrimitives.ReadInt16BigEndian(buf)} u16 {BinaryPrimitives.ReadUInt16BigEndian(buf):X4} i32 {BinaryPrimitives.ReadInt32BigEndian(buf)} u32 {BinaryPrimitives.ReadUInt32BigEndian(buf.AsSpan(1)):X8} i64 {BinaryPrimitives.ReadInt64BigEndian(buf)} u64 {BinaryPrimitives.ReadUInt64BigEndian(buf.AsSpan(3)):X16} u128 {BinaryPrimitives.ReadUInt128BigEndian(buf)}");
Console.WriteLine($"float/double: LE {BinaryPrimitives.ReadSingleLittleEndian(buf):R} BE {BinaryPrimitives.ReadSingleBigEndian(buf.AsSpan(8)):R} LE {BinaryPrimitives.ReadDoubleLittleEndian(buf.AsSpan(8)):R} BE {BinaryPrimitives.ReadDoubleBigEndian(buf):R} half {BinaryPrimitives.ReadHalfBigEndian(buf)}");
var w = new byte[40];
BinaryPrimitives.WriteInt16BigEndian(w, -2);
BinaryPrimitives.WriteUInt32LittleEndian(w.AsSpan(2), 0xDEADBEEF);
BinaryPrimitives.WriteInt64BigEndian(w.AsSpan(6), 0x0102030405060708);
BinaryPrimitives.WriteDoubleLittleEndian(w.AsSpan(14), Math.PI);
BinaryPrimitives.WriteSingleBigEndian(w.AsSpan(22), -1.5f);
Check(!BinaryPrimitives.TryWriteUInt128LittleEndian(w.AsSpan(26, 14), 1), "TryWrite too short");
Console.WriteLine($"written: {Convert.ToHexString(w, 0, 26)}");
Console.WriteLine($"ReverseEndianness: {BinaryPrimitives.ReverseEndianness((ushort)0x1234):X4} {BinaryPrimitives.ReverseEndianness(0x12345678u):X8} {BinaryPrimitives.ReverseEndianness(0x0102030405060708UL):X16} {BinaryPrimitives.ReverseEndianness((short)-2)} {BinaryPrimitives.ReverseEndianness(new UInt128(0x0102030405060708, 0x090A0B0C0D0E0F10)):X}");
int[] rev = { 1, 0x01020304, -1, int.MinValue };
BinaryPrimitives.ReverseEndianness(rev, rev);
Console.WriteLine($"ReverseEndianness span: {string.Join(" ", rev.Select(v => v.ToString("X8")))}");
bool threw = false;
try { BinaryPrimitives.ReadInt64BigEndian(buf.AsSpan(12)); } catch (ArgumentOutOfRangeException) { threw = true; }
Console.WriteLine($"read past end throws: {threw} TryRead {BinaryPrimitives.TryReadInt32BigEndian(buf.AsSpan(13), out _)}");

// BitConverter
Console.WriteLine($"IsLittleEndian {BitConverter.IsLittleEndian}");
Console.WriteLine($"GetBytes: {BitConverter.ToString(BitConverter.GetBytes(0x12345678))} {BitConverter.ToString(BitConverter.GetBytes(-1L))} {BitConverter.ToString(BitConverter.GetBytes(1.0))} {BitConverter.ToString(BitConverter.GetBytes(1.0f))} {BitConverter.ToString(BitConverter.GetBytes(true))} {BitConverter.ToString(BitConverter.GetBytes('A'))} {BitConverter.ToString(BitConverter.GetBytes((Half)1))}");
Console.WriteLine($"To*: {BitConverter.ToInt32(buf, 2)} {BitConverter.ToUInt16(buf, 5)} {BitConverter.ToInt64(buf, 8)} {BitConverter.ToDouble(buf, 1):R} {BitConverter.ToSingle(buf, 4):R} {BitConverter.ToBoolean(buf, 0)} {BitConverter.ToChar(buf, 0)} {BitConverter.ToString(buf, 3, 5)}");
Console.WriteLine($"bits: {BitConverter.DoubleToInt64Bits(-0.0):X16} {BitConverter.Int64BitsToDouble(0x7FF0000000000001):R} {BitConverter.SingleToInt32Bits(float.Epsilon):X8} {BitConverter.Int32BitsToSingle(0x3F800001):R} {BitConverter.DoubleToUInt64Bits(1e300):X16} {BitConverter.HalfToInt16Bits(Half.MaxValue):X4} {BitConverter.Int16BitsToHalf(0x3C01)}");
Span<byte> tw = stackalloc byte[8];
Check(BitConverter.TryWriteBytes(tw, 123456789L) && BitConverter.ToInt64(tw) == 123456789L, "TryWriteBytes/ToInt64 span");
Check(!BitConverter.TryWriteBytes(tw[..3], 1), "TryWriteBytes short");

// BitOperations over many values
ulong[] values = { 0, 1, 2, 3, 0x80, 0xFF, 0x100, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000, 0x8000_0000_0000_0000, ulong.MaxValue, 0x0123_4567_89AB_CDEF, 1000, 1023, 1025 };
foreach (ulong v in values)
{
    uint u = (uint)v;
    Console.WriteLine($"{v:X16}: pop {BitOperations.PopCount(v)}/{BitOperations.PopCount(u)} lzc {BitOperations.LeadingZeroCount(v)}/{BitOperations.LeadingZeroCount(u)} tzc {BitOperations.TrailingZeroCount(v)}/{BitOperations.TrailingZeroCount(u)} log2 {BitOperations.Log2(v)}/{BitOperations.Log2(u)} rol13 {BitOperations.RotateLeft(v, 13):X16} ror7 {BitOperations.RotateRight(u, 7):X8} pow2 {BitOperations.IsPow2(v)} up {BitOperations.RoundUpToPowerOf2(u)} {BitOperations.RoundUpToPowerOf2(v)}");
}
// Cross-check against scalar reference implementations
var rng = new Random(77);
int bad = 0;
for (int i = 0; i < 5000; i++)
{
    ulong v = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40);
    v >>= rng.Next(64);
    int pop = 0, lz = 64, tz = 64;
    for (int bit = 0; bit < 64; bit++) if ((v >> bit & 1) != 0) { pop++; if (tz == 64) tz = bit; lz = 63 - bit; }
    if (BitOperations.PopCount(v) != pop || BitOperations.LeadingZeroCount(v) != lz || BitOperations.TrailingZeroCount(v) != tz) bad++;
    int rot = rng.Next(128);
    if (BitOperations.RotateLeft(v, rot) != ((v << (rot & 63)) | (v >> ((64 - rot) & 63)))) bad++;
    if (ulong.PopCount(v) != (ulong)pop || ulong.LeadingZeroCount(v) != (ulong)lz) bad++;
    if ((int)uint.PopCount((uint)v) != BitOperations.PopCount((uint)v)) bad++;
}
Console.WriteLine($"BitOperations vs scalar: {bad} mismatches");
Check(bad == 0, "bitops");
Console.WriteLine($"generic math bits: {int.LeadingZeroCount(1)} {long.TrailingZeroCount(-8L)} {byte.RotateLeft(0x81, 1):X2} {short.PopCount(-1)} {int.Log2(1000)} {ushort.IsPow2(4096)} {sbyte.CopySign(5, -1)}");

// Int128 / UInt128
Int128 a = Int128.Parse("123456789012345678901234567890");
Int128 b = new Int128(0x7, 0xFFFF_0000_FFFF_0000);
Console.WriteLine($"Int128: a {a} b {b} a+b {a + b} a-b {a - b} a*3 {a * 3} a/b {a / b} a%b {a % b} -a {-a} a>>17 {a >> 17} a<<9 {a << 9} b^a {b ^ a} ~b {~b}");
Console.WriteLine($"Int128 limits: {Int128.MaxValue} {Int128.MinValue} {Int128.MaxValue + 1 == Int128.MinValue} {Int128.MinValue / -2} hex {Int128.MinValue:X} lzc {Int128.LeadingZeroCount(b)} pop {Int128.PopCount(a)}");
UInt128 ua = UInt128.MaxValue / 3, ub = (UInt128)ulong.MaxValue * ulong.MaxValue;
Console.WriteLine($"UInt128: {ua} {ub} {ua * 2 + 1} {ub / ulong.MaxValue} {ub % 1_000_000_007} {ua >> 100} {(UInt128)1 << 127} {ub:X}");
threw = false;
try { _ = checked(Int128.MaxValue + 1); } catch (OverflowException) { threw = true; }
Console.WriteLine($"checked overflow throws: {threw}");
try { _ = a / Int128.Zero; } catch (DivideByZeroException) { Console.WriteLine("Int128 divide by zero: DivideByZeroException"); }
Console.WriteLine($"Int128 <-> double: {(double)a:R} {(double)Int128.MinValue:R} {(Int128)1e30} {(Int128)(-123456789.9)} {(UInt128)3.9e38} {(double)UInt128.MaxValue:R} {(float)ua:R} {(decimal)(Int128)long.MaxValue * 4}");
Console.WriteLine($"Math.BigMul: {Math.BigMul(ulong.MaxValue, ulong.MaxValue, out ulong low)} low {low} {Math.BigMul(-5L, long.MaxValue, out long lo2)} {lo2} {Math.BigMul(int.MaxValue, int.MaxValue)}");
Int128 fact = 1; for (int i = 1; i <= 33; i++) fact *= i;
Console.WriteLine($"33! as Int128: {fact}");
Check(fact / 33 / 32 * 32 * 33 == fact, "Int128 factorial divide back");
Check(Int128.DivRem(a, 1000).Remainder == a % 1000, "DivRem");
Console.WriteLine($"failures: {failures}");
return failures;
