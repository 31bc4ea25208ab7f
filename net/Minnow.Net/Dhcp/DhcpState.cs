namespace Minnow.Net.Dhcp;

/// <summary>The client states of RFC 2131 figure 5 (without INIT-REBOOT: a unikernel boots fresh).</summary>
public enum DhcpState
{
    Init,
    Selecting,
    Requesting,
    Bound,
    Renewing,
    Rebinding,
}
