namespace Minnow.Net;

/// <summary>Settings of an <see cref="Interface"/>; the defaults suit a VM on a virtual LAN.</summary>
public sealed class InterfaceOptions
{
    /// <summary>The largest IPv4 packet sent, headers included.</summary>
    public int Mtu { get; init; } = 1500;

    /// <summary>The VLAN the IP interface is on; 0 for untagged.</summary>
    public ushort VlanId { get; init; }

    public byte Ttl { get; init; } = Wire.Ipv4Header.DefaultTtl;

    /// <summary>How long a resolved ARP entry is trusted (Linux's base reachable time is 30 s).</summary>
    public TimeSpan ArpEntryLifetime { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ArpRequestInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests sent before giving up on an address and dropping its pending packets.</summary>
    public int ArpMaxRequests { get; init; } = 3;

    public int ArpCacheCapacity { get; init; } = 64;

    /// <summary>Packets held per unresolved address (RFC 1122 2.3.2.2 asks for at least one).</summary>
    public int ArpPendingPacketsPerAddress { get; init; } = 8;

    /// <summary>Frames read from the device per poll, so a flood cannot starve transmission and timers.</summary>
    public int MaxFramesPerPoll { get; init; } = 256;

    /// <summary>
    /// Secret for initial sequence numbers and ephemeral ports (RFC 6528). Images seed it from the
    /// platform's entropy; tests fix it for repeatability.
    /// </summary>
    public ulong Secret { get; init; } = 0x6d696e6e6f77UL;
}
