using System.Net.Sockets;
using Minnow.Rpc.Messages;
using Minnow.Rpc.Xdr;

namespace Minnow.Rpc;

/// <summary>
/// Why an RPC call failed: a reject or accept status from the server, or a local failure
/// (timeout, lost connection, undecodable reply). Calls return it as a value; see
/// <see cref="RpcResult{T}.GetValueOrThrow"/> for code that prefers exceptions.
/// </summary>
public sealed class RpcError
{
    public RpcError(RpcErrorKind kind, string message)
    {
        Kind = kind;
        Message = message;
    }

    public RpcErrorKind Kind { get; }

    public string Message { get; }

    /// <summary>For AUTH_ERROR: the server's reason.</summary>
    public AuthStatus? AuthStatus { get; init; }

    /// <summary>For PROG_MISMATCH and RPC_MISMATCH: the lowest version the server supports.</summary>
    public uint? LowestSupportedVersion { get; init; }

    /// <summary>For PROG_MISMATCH and RPC_MISMATCH: the highest version the server supports.</summary>
    public uint? HighestSupportedVersion { get; init; }

    /// <summary>For encoding and decoding failures: the XDR error.</summary>
    public XdrError? XdrError { get; init; }

    /// <summary>For transport failures: the socket error, when there was one.</summary>
    public SocketError? SocketError { get; init; }

    public static RpcError FromReply(in RpcReplyHeader reply, RpcProcedure procedure)
    {
        if (reply.Status == ReplyStatus.Denied)
        {
            return reply.RejectStatus == RejectStatus.RpcMismatch
                ? new RpcError(RpcErrorKind.RpcMismatch, $"{procedure}: the server supports RPC versions {reply.MismatchLow}..{reply.MismatchHigh}, not {RpcCallHeader.CurrentRpcVersion}")
                {
                    LowestSupportedVersion = reply.MismatchLow,
                    HighestSupportedVersion = reply.MismatchHigh,
                }
                : new RpcError(RpcErrorKind.AuthError, $"{procedure}: authentication failed: {reply.AuthStatus}")
                {
                    AuthStatus = reply.AuthStatus,
                };
        }
        return reply.AcceptStatus switch
        {
            AcceptStatus.ProgramUnavailable => new RpcError(RpcErrorKind.ProgramUnavailable, $"{procedure}: program {procedure.Program} is not available"),
            AcceptStatus.ProgramMismatch => new RpcError(RpcErrorKind.ProgramMismatch, $"{procedure}: the server supports versions {reply.MismatchLow}..{reply.MismatchHigh} of program {procedure.Program}")
            {
                LowestSupportedVersion = reply.MismatchLow,
                HighestSupportedVersion = reply.MismatchHigh,
            },
            AcceptStatus.ProcedureUnavailable => new RpcError(RpcErrorKind.ProcedureUnavailable, $"{procedure}: procedure {procedure.Procedure} is not available"),
            AcceptStatus.GarbageArguments => new RpcError(RpcErrorKind.GarbageArguments, $"{procedure}: the server could not decode the arguments"),
            AcceptStatus.SystemError => new RpcError(RpcErrorKind.SystemError, $"{procedure}: the server reported a system error"),
            _ => new RpcError(RpcErrorKind.MalformedReply, $"{procedure}: unexpected accept status {reply.AcceptStatus}"),
        };
    }

    public override string ToString() => $"{Kind}: {Message}";
}
