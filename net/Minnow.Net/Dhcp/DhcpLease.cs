namespace Minnow.Net.Dhcp;

/// <summary>An address lease and the configuration that came with it.</summary>
public sealed class DhcpLease
{
    public required Ipv4Cidr Address { get; init; }

    /// <summary>Any when the server named no router.</summary>
    public required Ipv4Address Router { get; init; }

    public required Ipv4Address Server { get; init; }

    public required IReadOnlyList<Ipv4Address> DnsServers { get; init; }

    /// <summary>When the ACK arrived; T1, T2 and expiry count from here.</summary>
    public required TimeSpan AcquiredAt { get; init; }

    public required TimeSpan Duration { get; init; }

    public required TimeSpan RenewAfter { get; init; }

    public required TimeSpan RebindAfter { get; init; }

    public TimeSpan RenewAt => AcquiredAt + RenewAfter;

    public TimeSpan RebindAt => AcquiredAt + RebindAfter;

    public TimeSpan ExpiresAt => AcquiredAt + Duration;
}
