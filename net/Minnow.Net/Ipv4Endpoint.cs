namespace Minnow.Net;

/// <summary>An IPv4 address and a transport port.</summary>
public readonly struct Ipv4Endpoint : IEquatable<Ipv4Endpoint>
{
    public Ipv4Endpoint(Ipv4Address address, ushort port)
    {
        Address = address;
        Port = port;
    }

    public Ipv4Address Address { get; }

    public ushort Port { get; }

    public bool Equals(Ipv4Endpoint other) => Address == other.Address && Port == other.Port;

    public override bool Equals(object? obj) => obj is Ipv4Endpoint other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Address, Port);

    public static bool operator ==(Ipv4Endpoint left, Ipv4Endpoint right) => left.Equals(right);

    public static bool operator !=(Ipv4Endpoint left, Ipv4Endpoint right) => !left.Equals(right);

    public override string ToString() => $"{Address}:{Port}";
}
