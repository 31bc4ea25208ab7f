namespace Minnow.Rpc.Cricket;

/// <summary>
/// A CUDA call on the Cricket server failed: it answered with a nonzero CUDA error number. (Failures
/// to reach the server or to decode its replies are <see cref="RpcException"/>s instead.)
/// </summary>
public sealed class CricketException : Exception
{
    public CricketException(string operation, int error, string errorName)
        : base($"{operation} failed: CUDA error {error} ({errorName})")
    {
        Operation = operation;
        Error = error;
        ErrorName = errorName;
    }

    /// <summary>The call that failed, such as "cudaMalloc".</summary>
    public string Operation { get; }

    /// <summary>The CUDA error number (cudaError_t for runtime calls, CUresult for driver calls).</summary>
    public int Error { get; }

    /// <summary>The error's CUDA name, such as cudaErrorInvalidValue, or "error N" when unknown locally.</summary>
    public string ErrorName { get; }
}
