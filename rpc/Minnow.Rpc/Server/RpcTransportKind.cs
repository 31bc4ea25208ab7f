namespace Minnow.Rpc.Server;

/// <summary>The transport a call arrived on.</summary>
public enum RpcTransportKind
{
    Tcp,
    Udp,
}
