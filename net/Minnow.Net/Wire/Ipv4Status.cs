namespace Minnow.Net.Wire;

public enum Ipv4Status
{
    Ok,
    /// <summary>Shorter than the header its IHL field claims, or than 20 bytes.</summary>
    Truncated,
    BadVersion,
    /// <summary>IHL below 5 words.</summary>
    BadHeaderLength,
    /// <summary>Total length below the header length or beyond the bytes received.</summary>
    BadTotalLength,
    BadChecksum,
    /// <summary>A fragment (MF set or a non-zero offset): reassembly is not implemented.</summary>
    Fragment,
}
