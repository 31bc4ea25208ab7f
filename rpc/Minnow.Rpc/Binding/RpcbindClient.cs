using System.Net;
using Minnow.Rpc.Client;
using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Binding;

/// <summary>A client of rpcbind, version 4 (RFC 1833 section 2), on port 111.</summary>
public sealed class RpcbindClient : IAsyncDisposable
{
    public const uint Program = 100000;
    public const uint Version = 4;

    private const uint ProcedureSet = 1;
    private const uint ProcedureUnset = 2;
    private const uint ProcedureGetAddress = 3;

    private static readonly XdrDecode<bool> s_decodeBoolean = static (ref XdrReader reader) => reader.ReadBoolean();
    private static readonly XdrDecode<string> s_decodeString = static (ref XdrReader reader) => reader.ReadString();

    private readonly IRpcClient _client;
    private readonly bool _ownsClient;

    public RpcbindClient(IRpcClient client, bool ownsClient = false)
    {
        _client = client;
        _ownsClient = ownsClient;
    }

    /// <summary>An rpcbind client over TCP to port 111 of <paramref name="host"/>.</summary>
    public static RpcbindClient Connect(IPAddress host, RpcClientOptions? options = null)
        => new(new RpcTcpClient(new IPEndPoint(host, PortmapClient.Port), options), ownsClient: true);

    /// <summary>RPCBPROC_GETADDR: the universal address of a program version on a netid ("tcp", "udp"), "" when not registered.</summary>
    public async ValueTask<RpcResult<string>> GetAddressAsync(uint program, uint version, string netId, CancellationToken cancellationToken = default)
        => await _client.CallAsync(Procedure(ProcedureGetAddress), new RpcbindMapping(program, version, netId, "", ""), RpcbindMapping.Encode, s_decodeString, null, cancellationToken).ConfigureAwait(false);

    /// <summary>GETADDR, parsed: the endpoint, or null when the program version is not registered on <paramref name="netId"/>.</summary>
    public async ValueTask<RpcResult<IPEndPoint?>> GetEndPointAsync(uint program, uint version, string netId, CancellationToken cancellationToken = default)
    {
        RpcResult<string> address = await GetAddressAsync(program, version, netId, cancellationToken).ConfigureAwait(false);
        return address.IsSuccess ? new RpcResult<IPEndPoint?>(UniversalAddress.TryParse(address.Value)) : new RpcResult<IPEndPoint?>(address.Error);
    }

    /// <summary>RPCBPROC_SET: true when registered.</summary>
    public async ValueTask<RpcResult<bool>> SetAsync(RpcbindMapping mapping, CancellationToken cancellationToken = default)
        => await _client.CallAsync(Procedure(ProcedureSet), mapping, RpcbindMapping.Encode, s_decodeBoolean, null, cancellationToken).ConfigureAwait(false);

    /// <summary>RPCBPROC_UNSET: removes a program version's mappings on <paramref name="netId"/> ("" for all).</summary>
    public async ValueTask<RpcResult<bool>> UnsetAsync(uint program, uint version, string netId, CancellationToken cancellationToken = default)
        => await _client.CallAsync(Procedure(ProcedureUnset), new RpcbindMapping(program, version, netId, "", ""), RpcbindMapping.Encode, s_decodeBoolean, null, cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_ownsClient)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static RpcProcedure Procedure(uint procedure) => new(Program, Version, procedure);
}
