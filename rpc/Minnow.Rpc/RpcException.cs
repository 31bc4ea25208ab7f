namespace Minnow.Rpc;

/// <summary>An <see cref="RpcError"/> as an exception, for callers that use <see cref="RpcResult{T}.GetValueOrThrow"/>.</summary>
public sealed class RpcException : Exception
{
    public RpcException(RpcError error)
        : base(error.ToString())
    {
        Error = error;
    }

    public RpcError Error { get; }
}
