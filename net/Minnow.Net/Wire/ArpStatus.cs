namespace Minnow.Net.Wire;

public enum ArpStatus
{
    Ok,
    Truncated,
    /// <summary>Not Ethernet (hardware type 1, length 6) over IPv4 (0x0800, length 4).</summary>
    UnsupportedAddressTypes,
    /// <summary>An operation other than request (1) or reply (2).</summary>
    UnsupportedOperation,
}
