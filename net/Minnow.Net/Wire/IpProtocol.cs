namespace Minnow.Net.Wire;

/// <summary>IPv4 protocol numbers (IANA) the stack knows.</summary>
public enum IpProtocol : byte
{
    Icmp = 1,
    Tcp = 6,
    Udp = 17,
}
