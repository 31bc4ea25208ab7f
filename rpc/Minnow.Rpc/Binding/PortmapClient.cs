using System.Net;
using Minnow.Rpc.Client;
using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Binding;

/// <summary>A client of the portmapper, version 2 (RFC 1833 section 3), which rpcbind also serves on port 111.</summary>
public sealed class PortmapClient : IAsyncDisposable
{
    public const uint Program = 100000;
    public const uint Version = 2;
    public const int Port = 111;

    private const uint ProcedureNull = 0;
    private const uint ProcedureSet = 1;
    private const uint ProcedureUnset = 2;
    private const uint ProcedureGetPort = 3;
    private const uint ProcedureDump = 4;

    private static readonly XdrDecode<bool> s_decodeBoolean = static (ref XdrReader reader) => reader.ReadBoolean();
    private static readonly XdrDecode<uint> s_decodeUInt32 = static (ref XdrReader reader) => reader.ReadUInt32();

    private readonly IRpcClient _client;
    private readonly bool _ownsClient;

    public PortmapClient(IRpcClient client, bool ownsClient = false)
    {
        _client = client;
        _ownsClient = ownsClient;
    }

    /// <summary>A portmapper client over TCP to port 111 of <paramref name="host"/>.</summary>
    public static PortmapClient Connect(IPAddress host, RpcClientOptions? options = null)
        => new(new RpcTcpClient(new IPEndPoint(host, Port), options), ownsClient: true);

    public async ValueTask<RpcResult<RpcVoid>> PingAsync(CancellationToken cancellationToken = default)
        => await _client.CallAsync(Procedure(ProcedureNull), default(RpcVoid), RpcVoid.Encode, RpcVoid.Decode, null, cancellationToken).ConfigureAwait(false);

    /// <summary>PMAPPROC_SET: true when registered, false when the portmapper refused (an existing mapping, for example).</summary>
    public async ValueTask<RpcResult<bool>> SetAsync(PortmapMapping mapping, CancellationToken cancellationToken = default)
        => await _client.CallAsync(Procedure(ProcedureSet), mapping, PortmapMapping.Encode, s_decodeBoolean, null, cancellationToken).ConfigureAwait(false);

    /// <summary>PMAPPROC_UNSET: removes the mappings of a program version on every protocol (protocol and port are ignored).</summary>
    public async ValueTask<RpcResult<bool>> UnsetAsync(uint program, uint version, CancellationToken cancellationToken = default)
        => await _client.CallAsync(Procedure(ProcedureUnset), new PortmapMapping(program, version, 0, 0), PortmapMapping.Encode, s_decodeBoolean, null, cancellationToken).ConfigureAwait(false);

    /// <summary>PMAPPROC_GETPORT: the port of a program version on a protocol, 0 when it is not registered.</summary>
    public async ValueTask<RpcResult<uint>> GetPortAsync(uint program, uint version, IpProtocol protocol, CancellationToken cancellationToken = default)
        => await _client.CallAsync(Procedure(ProcedureGetPort), new PortmapMapping(program, version, protocol, 0), PortmapMapping.Encode, s_decodeUInt32, null, cancellationToken).ConfigureAwait(false);

    /// <summary>PMAPPROC_DUMP: every mapping.</summary>
    public async ValueTask<RpcResult<IReadOnlyList<PortmapMapping>>> DumpAsync(CancellationToken cancellationToken = default)
        => await _client.CallAsync(Procedure(ProcedureDump), default(RpcVoid), RpcVoid.Encode, PortmapMapping.DecodeList, null, cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_ownsClient)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static RpcProcedure Procedure(uint procedure) => new(Program, Version, procedure);
}
