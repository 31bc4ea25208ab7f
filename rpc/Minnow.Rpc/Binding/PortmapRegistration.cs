using Minnow.Rpc.Server;

namespace Minnow.Rpc.Binding;

/// <summary>Registers an <see cref="RpcServer"/>'s programs with the portmapper, as rpcgen's generated servers do.</summary>
public static class PortmapRegistration
{
    /// <summary>
    /// For every program version and started transport: drops any stale mapping, then maps it to the
    /// server's port. Returns the first failure, or null when everything is registered.
    /// </summary>
    public static async ValueTask<RpcError?> RegisterAsync(this RpcServer server, PortmapClient portmap, CancellationToken cancellationToken = default)
    {
        foreach (IRpcProgram program in server.Programs)
        {
            RpcResult<bool> unset = await portmap.UnsetAsync(program.Program, program.Version, cancellationToken).ConfigureAwait(false);
            if (!unset.IsSuccess)
            {
                return unset.Error;
            }
            foreach ((IpProtocol protocol, int? port) in new[] { (IpProtocol.Tcp, server.TcpEndPoint?.Port), (IpProtocol.Udp, server.UdpEndPoint?.Port) })
            {
                if (port is null)
                {
                    continue;
                }
                var mapping = new PortmapMapping(program.Program, program.Version, protocol, (uint)port);
                RpcResult<bool> set = await portmap.SetAsync(mapping, cancellationToken).ConfigureAwait(false);
                if (!set.IsSuccess)
                {
                    return set.Error;
                }
                if (!set.Value)
                {
                    return new RpcError(RpcErrorKind.SystemError, $"the portmapper refused to map {mapping}");
                }
            }
        }
        return null;
    }

    /// <summary>Removes the mappings of every program version the server serves.</summary>
    public static async ValueTask<RpcError?> UnregisterAsync(this RpcServer server, PortmapClient portmap, CancellationToken cancellationToken = default)
    {
        foreach (IRpcProgram program in server.Programs)
        {
            RpcResult<bool> unset = await portmap.UnsetAsync(program.Program, program.Version, cancellationToken).ConfigureAwait(false);
            if (!unset.IsSuccess)
            {
                return unset.Error;
            }
        }
        return null;
    }
}
