using Minnow.Rpc.Xdr;

namespace Minnow.Rpc;

/// <summary>A connection to an RPC server over some transport; generated client stubs call through it.</summary>
public interface IRpcClient : IAsyncDisposable
{
    /// <summary>
    /// Calls <paramref name="procedure"/> with <paramref name="arguments"/> and decodes its results. Never throws for
    /// remote or transport failures: they come back as <see cref="RpcResult{T}.Error"/>.
    /// </summary>
    ValueTask<RpcResult<TResult>> CallAsync<TArguments, TResult>(
        RpcProcedure procedure,
        TArguments arguments,
        XdrEncode<TArguments> encodeArguments,
        XdrDecode<TResult> decodeResult,
        RpcCallOptions? options = null,
        CancellationToken cancellationToken = default);
}
