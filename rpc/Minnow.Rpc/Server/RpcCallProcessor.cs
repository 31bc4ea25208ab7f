using System.Net;
using Minnow.Rpc.Messages;
using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Server;

/// <summary>
/// Turns one call message into one reply message, whatever the transport: the RFC 5531 checks in
/// the order libtirpc makes them (RPC version, credential, program, version), then the program's
/// procedure. Messages that are not calls, or whose header cannot be decoded, get no reply.
/// </summary>
internal sealed class RpcCallProcessor
{
    private readonly RpcServer _server;

    public RpcCallProcessor(RpcServer server)
    {
        _server = server;
    }

    /// <summary>Appends the reply to <paramref name="reply"/>; false when there is nothing to send.</summary>
    public async ValueTask<bool> ProcessAsync(ReadOnlyMemory<byte> message, RpcTransportKind transport, EndPoint? remote, XdrWriter reply, CancellationToken cancellationToken)
    {
        if (!TryDecodeCall(message.Span, out RpcCallHeader header, out int argumentsOffset))
        {
            return false;
        }
        int start = reply.Length;
        if (header.RpcVersion != RpcCallHeader.CurrentRpcVersion)
        {
            RpcReplyHeader.RpcMismatch(header.Xid, RpcCallHeader.CurrentRpcVersion, RpcCallHeader.CurrentRpcVersion).Encode(reply);
            return true;
        }
        AuthStatus auth = _server.Options.Authenticate(header);
        if (auth != AuthStatus.Ok)
        {
            RpcReplyHeader.AuthError(header.Xid, auth).Encode(reply);
            return true;
        }
        IRpcProgram? program = _server.FindProgram(header.Program, header.Version, out uint lowVersion, out uint highVersion);
        if (program is null)
        {
            (highVersion >= lowVersion
                ? RpcReplyHeader.ProgramMismatch(header.Xid, lowVersion, highVersion)
                : RpcReplyHeader.Accepted(header.Xid, AcceptStatus.ProgramUnavailable)).Encode(reply);
            return true;
        }

        AuthSysParameters? authSys = header.Credential.Flavor == AuthFlavor.Sys ? AuthSysParameters.TryDecode(header.Credential.Body.Span) : null;
        var context = new RpcCallContext(header, transport, remote, authSys, _server.Options.Limits);
        RpcReplyHeader.Accepted(header.Xid, AcceptStatus.Success).Encode(reply);
        RpcDispatchResult result;
        try
        {
            result = await program.DispatchAsync(context, message[argumentsOffset..], reply, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // On the host a failing procedure must not take the server down; the caller learns SYSTEM_ERR.
            result = RpcDispatchResult.SystemError;
        }
        if (result == RpcDispatchResult.Success && reply.HasError)
        {
            result = RpcDispatchResult.SystemError;
        }
        if (result != RpcDispatchResult.Success)
        {
            reply.Truncate(start);
            (result.IsAuthError
                ? RpcReplyHeader.AuthError(header.Xid, result.AuthStatus)
                : RpcReplyHeader.Accepted(header.Xid, result.AcceptStatus)).Encode(reply);
        }
        return true;
    }

    /// <summary>Replaces a reply that cannot be sent (too large for a datagram) with SYSTEM_ERR.</summary>
    public static void ReplaceWithSystemError(ReadOnlySpan<byte> message, XdrWriter reply, int start)
    {
        var reader = new XdrReader(message);
        uint xid = reader.ReadUInt32();
        reply.Truncate(start);
        RpcReplyHeader.Accepted(xid, AcceptStatus.SystemError).Encode(reply);
    }

    private bool TryDecodeCall(ReadOnlySpan<byte> message, out RpcCallHeader header, out int argumentsOffset)
    {
        var reader = new XdrReader(message, _server.Options.Limits);
        if (!RpcMessagePrefix.TryDecode(ref reader, out RpcMessagePrefix prefix) || prefix.Type != MessageType.Call)
        {
            header = default;
            argumentsOffset = 0;
            return false;
        }
        header = RpcCallHeader.DecodeBody(prefix.Xid, ref reader);
        argumentsOffset = reader.Position;
        return !reader.HasError;
    }
}
