using Minnow.Rpc.Messages;
using Minnow.Rpc.Xdr;

namespace Minnow.Rpc;

/// <summary>Settings of an RPC client.</summary>
public sealed record RpcClientOptions
{
    public static RpcClientOptions Default { get; } = new();

    /// <summary>Timeout of a call that does not set its own.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>How long a TCP connect may take before the call fails.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Credential of a call that does not set its own.</summary>
    public OpaqueAuth Credential { get; init; } = OpaqueAuth.None;

    /// <summary>The max-size policy applied to replies.</summary>
    public XdrLimits Limits { get; init; } = XdrLimits.Default;

    /// <summary>Largest reply record accepted over TCP.</summary>
    public int MaxRecordSize { get; init; } = (1 << 30) + (1 << 20);

    /// <summary>Largest record fragment sent over TCP (RFC 5531 allows up to 2^31-1 bytes); larger calls go in several fragments.</summary>
    public int MaxFragmentSize { get; init; } = 1 << 20;

    /// <summary>Disable Nagle's algorithm: RPC calls are small request/response exchanges.</summary>
    public bool NoDelay { get; init; } = true;

    /// <summary>TCP keepalive idle time; a peer host that vanished without closing is detected after it (plus probes). Null: off.</summary>
    public TimeSpan? KeepAliveTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First UDP retransmission interval; it doubles after each retransmission.</summary>
    public TimeSpan InitialRetransmitInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest UDP retransmission interval.</summary>
    public TimeSpan MaxRetransmitInterval { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>The clock of UDP retransmissions and call deadlines (tests give a fake one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
