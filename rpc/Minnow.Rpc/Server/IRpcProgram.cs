using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Server;

/// <summary>One version of one program served by an <see cref="RpcServer"/>; generated server skeletons implement it.</summary>
public interface IRpcProgram
{
    uint Program { get; }

    uint Version { get; }

    /// <summary>
    /// Decodes <paramref name="arguments"/> for the procedure in <paramref name="context"/>, runs it and, on
    /// success, writes its results to <paramref name="results"/>. Decoding failures are
    /// <see cref="RpcDispatchResult.GarbageArguments"/>; an exception becomes SYSTEM_ERR.
    /// </summary>
    ValueTask<RpcDispatchResult> DispatchAsync(RpcCallContext context, ReadOnlyMemory<byte> arguments, XdrWriter results, CancellationToken cancellationToken);
}
