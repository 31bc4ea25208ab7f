using Minnow.Net.Sockets;

namespace Minnow.Runtime.Networking;

/// <summary>
/// The image's socket layer (over the first NIC's interface, whose lock it owns), set by the boot
/// glue (NetworkStartup) once the network thread pumps it; null without a NIC, and then
/// SystemNative_Socket says EAFNOSUPPORT for every family, so the class library reports no support
/// instead of crashing. No initialiser here: socket platform calls read this field, and must not
/// run a class constructor.
/// </summary>
internal static class NetworkRuntime
{
    public static SocketLayer? Sockets;
}
