using Minnow.Rpc.Messages;

namespace Minnow.Rpc;

/// <summary>Per-call settings that override the client's defaults.</summary>
public sealed record RpcCallOptions
{
    /// <summary>
    /// How long to wait for the reply; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for calls that
    /// legitimately block (a lost connection still ends them). Null: the client's default.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The credential for this call. Null: the client's default.</summary>
    public OpaqueAuth? Credential { get; init; }

    public static RpcCallOptions WithTimeout(TimeSpan timeout) => new() { Timeout = timeout };

    public static RpcCallOptions Infinite { get; } = new() { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
}
