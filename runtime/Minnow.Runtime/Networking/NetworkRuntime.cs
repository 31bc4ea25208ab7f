namespace Minnow.Runtime.Networking;

/// <summary>
/// The image's socket layer, set by the boot glue once the NIC's interface exists (and its network
/// thread pumps it). Null means the image has no network: SystemNative_Socket then says
/// EAFNOSUPPORT for every family, so the class library reports no support instead of crashing.
/// </summary>
internal static class NetworkRuntime
{
    public static Minnow.Net.Sockets.SocketLayer? Sockets;
}
