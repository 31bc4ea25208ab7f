namespace Minnow.Rpc;

/// <summary>What kind of failure an <see cref="RpcError"/> is.</summary>
public enum RpcErrorKind
{
    /// <summary>PROG_UNAVAIL: the server does not export the program.</summary>
    ProgramUnavailable,
    /// <summary>PROG_MISMATCH: the server has the program, but not this version (see the supported range).</summary>
    ProgramMismatch,
    /// <summary>PROC_UNAVAIL: the program version has no such procedure.</summary>
    ProcedureUnavailable,
    /// <summary>GARBAGE_ARGS: the server could not decode the arguments.</summary>
    GarbageArguments,
    /// <summary>SYSTEM_ERR: the server failed (for example it ran out of memory or its procedure failed).</summary>
    SystemError,
    /// <summary>RPC_MISMATCH: the server does not speak this RPC protocol version (see the supported range).</summary>
    RpcMismatch,
    /// <summary>AUTH_ERROR: the server rejected the credential or verifier (see <see cref="RpcError.AuthStatus"/>).</summary>
    AuthError,
    /// <summary>No reply within the call's timeout.</summary>
    Timeout,
    /// <summary>The caller cancelled the call.</summary>
    Cancelled,
    /// <summary>The server could not be reached (connection refused, unreachable, ICMP port unreachable for UDP).</summary>
    ConnectionFailed,
    /// <summary>The connection dropped while the call was outstanding; the call may or may not have run.</summary>
    ConnectionLost,
    /// <summary>The arguments could not be encoded (a value out of its declared bounds), so nothing was sent.</summary>
    InvalidArguments,
    /// <summary>The reply or its results could not be decoded.</summary>
    MalformedReply,
    /// <summary>The call or its reply is larger than the transport or the configured limits allow.</summary>
    MessageTooLarge,
    /// <summary>The client was disposed.</summary>
    Disposed,
}
