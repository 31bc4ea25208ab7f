using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Cricket;

/// <summary>Sends the generated stubs' calls (which name version 1) under another version of the program.</summary>
internal sealed class VersionedRpcClient : IRpcClient
{
    private readonly IRpcClient _inner;
    private readonly uint _version;

    public VersionedRpcClient(IRpcClient inner, uint version)
    {
        _inner = inner;
        _version = version;
    }

    public ValueTask<RpcResult<TResult>> CallAsync<TArguments, TResult>(RpcProcedure procedure, TArguments arguments, XdrEncode<TArguments> encodeArguments, XdrDecode<TResult> decodeResult, RpcCallOptions? options = null, CancellationToken cancellationToken = default)
        => _inner.CallAsync(procedure with { Version = _version }, arguments, encodeArguments, decodeResult, options, cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
