using System.Buffers.Binary;

namespace Minnow.Net;

/// <summary>A 48-bit IEEE 802 MAC address, kept in the low 48 bits of a ulong in wire order.</summary>
public readonly struct MacAddress : IEquatable<MacAddress>
{
    public const int Length = 6;

    private readonly ulong _value;

    public MacAddress(ulong value) => _value = value & 0xFFFF_FFFF_FFFFUL;

    public MacAddress(byte b0, byte b1, byte b2, byte b3, byte b4, byte b5)
        : this(((ulong)b0 << 40) | ((ulong)b1 << 32) | ((ulong)b2 << 24) | ((ulong)b3 << 16) | ((ulong)b4 << 8) | b5)
    {
    }

    public static MacAddress Broadcast => new(0xFFFF_FFFF_FFFFUL);

    public static MacAddress Zero => default;

    public ulong Value => _value;

    public bool IsBroadcast => _value == 0xFFFF_FFFF_FFFFUL;

    /// <summary>The group bit (I/G) of the first octet: set for multicast and broadcast.</summary>
    public bool IsMulticast => (_value & 0x0100_0000_0000UL) != 0;

    public static MacAddress Read(ReadOnlySpan<byte> source) =>
        new(((ulong)BinaryPrimitives.ReadUInt16BigEndian(source) << 32) | BinaryPrimitives.ReadUInt32BigEndian(source[2..]));

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(_value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)_value);
    }

    public bool Equals(MacAddress other) => _value == other._value;

    public override bool Equals(object? obj) => obj is MacAddress other && Equals(other);

    public override int GetHashCode() => _value.GetHashCode();

    public static bool operator ==(MacAddress left, MacAddress right) => left._value == right._value;

    public static bool operator !=(MacAddress left, MacAddress right) => left._value != right._value;

    public override string ToString() =>
        $"{(byte)(_value >> 40):x2}:{(byte)(_value >> 32):x2}:{(byte)(_value >> 24):x2}:{(byte)(_value >> 16):x2}:{(byte)(_value >> 8):x2}:{(byte)_value:x2}";
}
