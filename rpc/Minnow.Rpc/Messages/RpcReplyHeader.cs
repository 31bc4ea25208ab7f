using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Messages;

/// <summary>
/// An RPC reply message up to its results (<c>rpc_msg</c> with <c>reply_body</c>, RFC 5531 section 9).
/// Only the fields that the status selects are meaningful: <see cref="MismatchLow"/> and
/// <see cref="MismatchHigh"/> for PROG_MISMATCH and RPC_MISMATCH, <see cref="AuthStatus"/> for AUTH_ERROR.
/// For a successful call the procedure's results follow it.
/// </summary>
public readonly record struct RpcReplyHeader(
    uint Xid,
    ReplyStatus Status,
    AcceptStatus AcceptStatus,
    RejectStatus RejectStatus,
    AuthStatus AuthStatus,
    uint MismatchLow,
    uint MismatchHigh,
    OpaqueAuth Verifier)
{
    public bool IsSuccess => Status == ReplyStatus.Accepted && AcceptStatus == AcceptStatus.Success;

    public static RpcReplyHeader Accepted(uint xid, AcceptStatus status, OpaqueAuth verifier = default)
        => new(xid, ReplyStatus.Accepted, status, default, default, 0, 0, verifier);

    public static RpcReplyHeader ProgramMismatch(uint xid, uint low, uint high)
        => new(xid, ReplyStatus.Accepted, AcceptStatus.ProgramMismatch, default, default, low, high, default);

    public static RpcReplyHeader RpcMismatch(uint xid, uint low, uint high)
        => new(xid, ReplyStatus.Denied, default, RejectStatus.RpcMismatch, default, low, high, default);

    public static RpcReplyHeader AuthError(uint xid, AuthStatus status)
        => new(xid, ReplyStatus.Denied, default, RejectStatus.AuthError, status, 0, 0, default);

    public void Encode(XdrWriter writer)
    {
        writer.WriteUInt32(Xid);
        writer.WriteInt32((int)MessageType.Reply);
        writer.WriteInt32((int)Status);
        if (Status == ReplyStatus.Accepted)
        {
            Verifier.Encode(writer);
            writer.WriteInt32((int)AcceptStatus);
            if (AcceptStatus == AcceptStatus.ProgramMismatch)
            {
                writer.WriteUInt32(MismatchLow);
                writer.WriteUInt32(MismatchHigh);
            }
            return;
        }
        writer.WriteInt32((int)RejectStatus);
        if (RejectStatus == RejectStatus.RpcMismatch)
        {
            writer.WriteUInt32(MismatchLow);
            writer.WriteUInt32(MismatchHigh);
        }
        else
        {
            writer.WriteInt32((int)AuthStatus);
        }
    }

    /// <summary>Decodes a reply header after its xid and message type were read; results, if any, follow.</summary>
    public static RpcReplyHeader DecodeBody(uint xid, ref XdrReader reader)
    {
        ReplyStatus status = reader.ReadEnum<ReplyStatus>();
        if (reader.HasError)
        {
            return default;
        }
        if (status == ReplyStatus.Accepted)
        {
            OpaqueAuth verifier = OpaqueAuth.Decode(ref reader);
            AcceptStatus accept = reader.ReadEnum<AcceptStatus>();
            uint low = 0, high = 0;
            if (accept == AcceptStatus.ProgramMismatch)
            {
                low = reader.ReadUInt32();
                high = reader.ReadUInt32();
            }
            return new RpcReplyHeader(xid, status, accept, default, default, low, high, verifier);
        }
        RejectStatus reject = reader.ReadEnum<RejectStatus>();
        if (reject == RejectStatus.RpcMismatch)
        {
            uint low = reader.ReadUInt32();
            uint high = reader.ReadUInt32();
            return new RpcReplyHeader(xid, status, default, reject, default, low, high, default);
        }
        // auth_stat grows with new security flavors: keep unknown values rather than fail.
        var auth = (AuthStatus)reader.ReadInt32();
        return new RpcReplyHeader(xid, status, default, reject, auth, 0, 0, default);
    }
}
