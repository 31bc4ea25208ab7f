using Minnow.Net;

namespace Minnow.Runtime.Networking;

/// <summary>The image's network, once boot has brought it up; all null without a NIC.</summary>
internal static class NetworkRuntime
{
    /// <summary>The first NIC's interface. Touch it only while holding <see cref="SyncRoot"/>.</summary>
    public static Interface? Interface;

    /// <summary>Guards the interface and its sockets; the network thread holds it while it polls.</summary>
    public static readonly object SyncRoot = new();
}
