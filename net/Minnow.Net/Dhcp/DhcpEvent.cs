namespace Minnow.Net.Dhcp;

/// <summary>What a <see cref="DhcpClient.Poll"/> changed about the interface's configuration.</summary>
public enum DhcpEvent
{
    None,
    /// <summary>A lease was obtained and the interface configured.</summary>
    Configured,
    /// <summary>The lease was extended (renewing or rebinding).</summary>
    Renewed,
    /// <summary>The lease expired or the server refused it; the interface is unconfigured again.</summary>
    Deconfigured,
}
