namespace Minnow.Net.Wire;

public enum UdpStatus
{
    Ok,
    Truncated,
    /// <summary>The length field is below 8 or beyond the IP payload.</summary>
    BadLength,
    BadChecksum,
}
