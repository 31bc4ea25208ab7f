namespace Minnow.Net.Wire;

public enum EthernetStatus
{
    Ok,
    /// <summary>Shorter than the header (with its VLAN tag, if any).</summary>
    Truncated,
    /// <summary>An 802.3 length field instead of an EtherType (LLC/SNAP frames).</summary>
    NotEthernetII,
    /// <summary>Stacked tags (802.1ad QinQ): not supported.</summary>
    StackedVlan,
}
