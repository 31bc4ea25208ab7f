using System.Buffers.Binary;

namespace Minnow.Net;

/// <summary>An IPv4 address as a host-order uint (the first octet in the high byte).</summary>
public readonly struct Ipv4Address : IEquatable<Ipv4Address>
{
    public const int Length = 4;

    private readonly uint _value;

    public Ipv4Address(uint value) => _value = value;

    public Ipv4Address(byte a, byte b, byte c, byte d) => _value = ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;

    public static Ipv4Address Any => default;

    public static Ipv4Address Broadcast => new(0xFFFF_FFFFu);

    public uint Value => _value;

    public bool IsAny => _value == 0;

    public bool IsBroadcast => _value == 0xFFFF_FFFFu;

    public bool IsMulticast => (_value >> 28) == 0xE;

    public bool IsLoopback => (_value >> 24) == 127;

    public static Ipv4Address Read(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt32BigEndian(source));

    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, _value);

    /// <summary>Parses dotted-quad text; configuration input, not a hot path.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Ipv4Address address)
    {
        address = default;
        uint value = 0;
        int octets = 0;
        int current = -1;
        foreach (char c in text)
        {
            if (c == '.')
            {
                if (current < 0 || octets == 3)
                {
                    return false;
                }
                value = (value << 8) | (uint)current;
                octets++;
                current = -1;
            }
            else if (c >= '0' && c <= '9')
            {
                current = current < 0 ? c - '0' : current * 10 + (c - '0');
                if (current > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }
        if (current < 0 || octets != 3)
        {
            return false;
        }
        address = new Ipv4Address((value << 8) | (uint)current);
        return true;
    }

    public static Ipv4Address Parse(string text) =>
        TryParse(text, out Ipv4Address address) ? address : throw new FormatException($"'{text}' is not an IPv4 address");

    public bool Equals(Ipv4Address other) => _value == other._value;

    public override bool Equals(object? obj) => obj is Ipv4Address other && Equals(other);

    public override int GetHashCode() => (int)_value;

    public static bool operator ==(Ipv4Address left, Ipv4Address right) => left._value == right._value;

    public static bool operator !=(Ipv4Address left, Ipv4Address right) => left._value != right._value;

    public override string ToString() => $"{_value >> 24}.{(_value >> 16) & 0xFF}.{(_value >> 8) & 0xFF}.{_value & 0xFF}";
}
