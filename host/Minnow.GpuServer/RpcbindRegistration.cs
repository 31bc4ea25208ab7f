using System.Globalization;
using System.Net;
using Minnow.Rpc;
using Minnow.Rpc.Binding;

namespace Minnow.GpuServer;

/// <summary>
/// Registers the server with the host's rpcbind on port 111 as Cricket's rpcgen-made server does
/// through libtirpc: any old mapping is dropped (pmap_unset), then the TCP port is set with rpcbind
/// v4 SET on netid "tcp" (universal address 0.0.0.0.p1.p2), or with portmap v2 SET where rpcbind
/// has no v4. Removal drops both kinds of mapping.
/// </summary>
public static class RpcbindRegistration
{
    public static async Task RegisterAsync(uint program, uint version, int port, IPAddress? rpcbindHost = null, CancellationToken cancellationToken = default)
    {
        IPAddress host = rpcbindHost ?? IPAddress.Loopback;
        var options = new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(5), ConnectTimeout = TimeSpan.FromSeconds(5) };
        await using var portmap = PortmapClient.Connect(host, options);
        RpcResult<bool> unset = await portmap.UnsetAsync(program, version, cancellationToken).ConfigureAwait(false);
        if (!unset.IsSuccess)
        {
            throw new RpcException(new RpcError(unset.Error.Kind, $"rpcbind on {host} port 111 does not answer ({unset.Error.Message}): start it with `rpcbind -w`"));
        }
        await using var rpcbind = RpcbindClient.Connect(host, options);
        string address = UniversalAddress.Format(new IPEndPoint(IPAddress.Any, port));
        RpcResult<bool> set = await rpcbind.SetAsync(new RpcbindMapping(program, version, "tcp", address, Owner()), cancellationToken).ConfigureAwait(false);
        if (set.IsSuccess && set.Value)
        {
            return;
        }
        RpcResult<bool> pmapSet = await portmap.SetAsync(new PortmapMapping(program, version, IpProtocol.Tcp, (uint)port), cancellationToken).ConfigureAwait(false);
        if (!pmapSet.IsSuccess || !pmapSet.Value)
        {
            throw new RpcException(new RpcError(RpcErrorKind.SystemError, $"rpcbind on {host} refused to map program {program} version {version} to tcp port {port}"));
        }
    }

    public static async Task UnregisterAsync(uint program, uint version, IPAddress? rpcbindHost = null, CancellationToken cancellationToken = default)
    {
        IPAddress host = rpcbindHost ?? IPAddress.Loopback;
        var options = new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(5), ConnectTimeout = TimeSpan.FromSeconds(5) };
        await using var rpcbind = RpcbindClient.Connect(host, options);
        await rpcbind.UnsetAsync(program, version, "", cancellationToken).ConfigureAwait(false);
        await using var portmap = PortmapClient.Connect(host, options);
        await portmap.UnsetAsync(program, version, cancellationToken).ConfigureAwait(false);
    }

    // libtirpc sends the caller's uid as the owner; rpcbind trusts it only from local callers.
    private static string Owner() => Environment.UserName == "root" ? "0" : Environment.UserName;
}
