using Minnow.Rpc.Xdr;

namespace Rpc.Tests.Xdr;

/// <summary>Byte-exact encodings from RFC 4506's definitions, and their round trips.</summary>
public class XdrPrimitiveTests
{
    private static byte[] Encode(Action<XdrWriter> write)
    {
        var writer = new XdrWriter();
        write(writer);
        Assert.False(writer.HasError, writer.Error.ToString());
        return writer.WrittenSpan.ToArray();
    }

    [Fact]
    public void IntegersAreBigEndianAndFourOrEightBytes()
    {
        Assert.Equal(new byte[] { 0xff, 0xff, 0xff, 0xfe }, Encode(w => w.WriteInt32(-2)));
        Assert.Equal(new byte[] { 0x80, 0, 0, 1 }, Encode(w => w.WriteUInt32(0x8000_0001)));
        Assert.Equal(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfd }, Encode(w => w.WriteInt64(-3)));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, Encode(w => w.WriteUInt64(0x0102030405060708)));
    }

    [Fact]
    public void FloatingPointIsIeeeBigEndian()
    {
        Assert.Equal(new byte[] { 0x3f, 0x80, 0, 0 }, Encode(w => w.WriteSingle(1.0f)));
        Assert.Equal(new byte[] { 0xc0, 0, 0, 0, 0, 0, 0, 0 }, Encode(w => w.WriteDouble(-2.0)));
    }

    [Fact]
    public void BooleansAndEnumsAreInts()
    {
        Assert.Equal(new byte[] { 0, 0, 0, 1 }, Encode(w => w.WriteBoolean(true)));
        Assert.Equal(new byte[] { 0, 0, 0, 2 }, Encode(w => w.WriteEnum(DayOfWeek.Tuesday)));
    }

    [Fact]
    public void StringsAndOpaqueArePaddedToFourBytes()
    {
        Assert.Equal(new byte[] { 0, 0, 0, 5, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o', 0, 0, 0 }, Encode(w => w.WriteString("hello")));
        Assert.Equal(new byte[] { 0, 0, 0, 0 }, Encode(w => w.WriteOpaque([])));
        Assert.Equal(new byte[] { 9, 8, 7, 0 }, Encode(w => w.WriteFixedOpaque([9, 8, 7], 3)));
    }

    [Fact]
    public void ArraysCarryACountUnlessFixed()
    {
        XdrEncode<short> element = static (w, v) => w.WriteInt32(v);
        Assert.Equal(new byte[] { 0, 0, 0, 2, 0, 0, 0, 7, 0, 0, 0, 8 }, Encode(w => w.WriteArray(new short[] { 7, 8 }, element)));
        Assert.Equal(new byte[] { 0, 0, 0, 7, 0, 0, 0, 8 }, Encode(w => w.WriteFixedArray(new short[] { 7, 8 }, 2, element)));
    }

    [Fact]
    public void OptionalDataIsABooleanAndTheValue()
    {
        Assert.Equal(new byte[] { 0, 0, 0, 0 }, Encode(w => w.WriteOptional<string>(null, static (x, s) => x.WriteString(s))));
        Assert.Equal(new byte[] { 0, 0, 0, 1, 0, 0, 0, 1, (byte)'a', 0, 0, 0 }, Encode(w => w.WriteOptional("a", static (x, s) => x.WriteString(s))));
    }

    [Fact]
    public void EverythingRoundTrips()
    {
        byte[] data = Encode(w =>
        {
            w.WriteInt32(int.MinValue);
            w.WriteUInt32(uint.MaxValue);
            w.WriteInt64(long.MinValue);
            w.WriteUInt64(ulong.MaxValue);
            w.WriteSingle(float.Epsilon);
            w.WriteDouble(Math.PI);
            w.WriteBoolean(false);
            w.WriteEnum(DayOfWeek.Saturday);
            w.WriteFixedOpaque([1, 2, 3, 4, 5], 5);
            w.WriteOpaque([6, 7], 10);
            w.WriteString("grüße", 16);
            w.WriteArray(new[] { "x", "yz" }, static (x, s) => x.WriteString(s), 2);
            w.WriteFixedArray(new[] { 1.5, 2.5, 3.5 }, 3, static (x, d) => x.WriteDouble(d));
            w.WriteOptionalValue<int>(42, static (x, v) => x.WriteInt32(v));
        });
        var r = new XdrReader(data);
        Assert.Equal(int.MinValue, r.ReadInt32());
        Assert.Equal(uint.MaxValue, r.ReadUInt32());
        Assert.Equal(long.MinValue, r.ReadInt64());
        Assert.Equal(ulong.MaxValue, r.ReadUInt64());
        Assert.Equal(float.Epsilon, r.ReadSingle());
        Assert.Equal(Math.PI, r.ReadDouble());
        Assert.False(r.ReadBoolean());
        Assert.Equal(DayOfWeek.Saturday, r.ReadEnum<DayOfWeek>());
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, r.ReadFixedOpaque(5));
        Assert.Equal(new byte[] { 6, 7 }, r.ReadOpaque(10));
        Assert.Equal("grüße", r.ReadString(16));
        Assert.Equal(new[] { "x", "yz" }, r.ReadArray(static (ref XdrReader x) => x.ReadString(), 2));
        Assert.Equal(new[] { 1.5, 2.5, 3.5 }, r.ReadFixedArray(3, static (ref XdrReader x) => x.ReadDouble(), 8));
        Assert.Equal(42, r.ReadOptionalValue(static (ref XdrReader x) => x.ReadInt32()));
        r.ExpectEnd();
        Assert.False(r.HasError, r.Error.ToString());
    }
}
