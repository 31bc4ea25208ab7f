namespace Minnow.Net.Dhcp;

public enum DhcpStatus
{
    Ok,
    /// <summary>Shorter than the fixed BOOTP header and magic cookie.</summary>
    Truncated,
    /// <summary>Not Ethernet addressing (htype 1, hlen 6).</summary>
    UnsupportedHardware,
    BadMagicCookie,
    /// <summary>An option whose length runs past the message, or a fixed-size option of the wrong size.</summary>
    BadOption,
    /// <summary>No option 53: plain BOOTP, which this client does not speak.</summary>
    MissingMessageType,
}
