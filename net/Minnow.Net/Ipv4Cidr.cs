namespace Minnow.Net;

/// <summary>An interface address with its prefix length, e.g. 10.0.2.15/24.</summary>
public readonly struct Ipv4Cidr : IEquatable<Ipv4Cidr>
{
    public Ipv4Cidr(Ipv4Address address, int prefixLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, 32);
        Address = address;
        PrefixLength = prefixLength;
    }

    public Ipv4Address Address { get; }

    public int PrefixLength { get; }

    public uint Mask => PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);

    public Ipv4Address Network => new(Address.Value & Mask);

    /// <summary>The directed broadcast address of the subnet (all host bits set).</summary>
    public Ipv4Address SubnetBroadcast => new(Address.Value | ~Mask);

    public bool Contains(Ipv4Address other) => (other.Value & Mask) == (Address.Value & Mask);

    public bool Equals(Ipv4Cidr other) => Address == other.Address && PrefixLength == other.PrefixLength;

    public override bool Equals(object? obj) => obj is Ipv4Cidr other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Address, PrefixLength);

    public override string ToString() => $"{Address}/{PrefixLength}";
}
