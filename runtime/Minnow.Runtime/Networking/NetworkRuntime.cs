using Minnow.Net;
using Minnow.Net.Sockets;

namespace Minnow.Runtime.Networking;

/// <summary>
/// The image's network, set by the boot glue (NetworkStartup) once the NIC's interface exists and
/// its network thread pumps it; all null without a NIC, and then SystemNative_Socket says
/// EAFNOSUPPORT for every family, so the class library reports no support instead of crashing.
/// No initialisers here: socket platform calls read these fields, and must not run a class constructor.
/// </summary>
internal static class NetworkRuntime
{
    /// <summary>The first NIC's interface. Touch it only while holding <see cref="SyncRoot"/>.</summary>
    public static Interface? Interface;

    /// <summary>The socket layer over <see cref="Interface"/>: stock System.Net.Sockets calls land here.</summary>
    public static SocketLayer? Sockets;

    /// <summary>Guards the interface and every socket (the socket layer's lock); the network thread holds it while it polls.</summary>
    public static object? SyncRoot;
}
