namespace Minnow.Net.Wire;

/// <summary>EtherType values (IEEE 802 numbers) the stack interprets itself.</summary>
public static class EtherType
{
    public const ushort Ipv4 = 0x0800;
    public const ushort Arp = 0x0806;
    public const ushort Vlan = 0x8100;
    public const ushort QinQ = 0x88A8;

    /// <summary>Values below this are IEEE 802.3 length fields, not EtherTypes.</summary>
    public const ushort Minimum = 0x0600;
}
