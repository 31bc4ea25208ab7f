namespace Minnow.Net;

/// <summary>Why the interface dropped a frame or packet; each reason has its own counter.</summary>
public enum DropReason
{
    EthernetTruncated,
    EthernetNotEthernetII,
    EthernetStackedVlan,
    /// <summary>Neither our MAC nor broadcast.</summary>
    EthernetNotForUs,
    /// <summary>Tagged with a VLAN the interface is not on and no raw endpoint listens to.</summary>
    VlanMismatch,
    /// <summary>An EtherType nobody handles.</summary>
    UnknownEtherType,
    FrameTooLong,

    ArpTruncated,
    ArpUnsupportedAddressTypes,
    ArpUnsupportedOperation,
    /// <summary>ARP not about our address (or from a broadcast or zero sender).</summary>
    ArpNotForUs,
    /// <summary>Packets waiting for an address that never resolved, or beyond the pending queue.</summary>
    ArpUnresolved,

    Ipv4Truncated,
    Ipv4BadVersion,
    Ipv4BadHeaderLength,
    Ipv4BadTotalLength,
    Ipv4BadChecksum,
    Ipv4Fragment,
    Ipv4NotForUs,
    /// <summary>A source address no host may use (broadcast, multicast).</summary>
    Ipv4BadSource,
    Ipv4UnknownProtocol,
    /// <summary>Sending with no address configured, or to a destination with no route.</summary>
    Ipv4NoRoute,

    IcmpTruncated,
    IcmpBadChecksum,
    /// <summary>ICMP types the stack does not act on.</summary>
    IcmpIgnored,

    UdpTruncated,
    UdpBadLength,
    UdpBadChecksum,
    UdpNoSocket,
    UdpSocketFull,

    TcpTruncated,
    TcpBadDataOffset,
    TcpBadChecksum,
    TcpBadOption,
    TcpNoSocket,
    /// <summary>Segments outside the receive window or otherwise unacceptable (RFC 9293 3.10.7.4).</summary>
    TcpUnacceptable,
    /// <summary>Out-of-order data beyond what the reassembly bookkeeping can track.</summary>
    TcpReassemblyFull,

    RawEndpointFull,
    /// <summary>The device had no transmit buffer; the sender retries later (TCP) or loses it (others).</summary>
    DeviceBusy,
}
