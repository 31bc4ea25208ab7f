using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Messages;

/// <summary>
/// An RPC call message up to its arguments (<c>rpc_msg</c> with <c>call_body</c>, RFC 5531 section 9).
/// The procedure's arguments follow it in the same record or datagram.
/// </summary>
public readonly record struct RpcCallHeader(
    uint Xid,
    uint Program,
    uint Version,
    uint Procedure,
    OpaqueAuth Credential,
    OpaqueAuth Verifier,
    uint RpcVersion = RpcCallHeader.CurrentRpcVersion)
{
    /// <summary>The protocol version RFC 5531 defines; anything else is answered with RPC_MISMATCH.</summary>
    public const uint CurrentRpcVersion = 2;

    public void Encode(XdrWriter writer)
    {
        writer.WriteUInt32(Xid);
        writer.WriteInt32((int)MessageType.Call);
        writer.WriteUInt32(RpcVersion);
        writer.WriteUInt32(Program);
        writer.WriteUInt32(Version);
        writer.WriteUInt32(Procedure);
        Credential.Encode(writer);
        Verifier.Encode(writer);
    }

    /// <summary>Decodes a call header after its xid and message type were read (see <see cref="RpcMessagePrefix"/>).</summary>
    public static RpcCallHeader DecodeBody(uint xid, ref XdrReader reader)
    {
        uint rpcVersion = reader.ReadUInt32();
        uint program = reader.ReadUInt32();
        uint version = reader.ReadUInt32();
        uint procedure = reader.ReadUInt32();
        OpaqueAuth credential = OpaqueAuth.Decode(ref reader);
        OpaqueAuth verifier = OpaqueAuth.Decode(ref reader);
        return new RpcCallHeader(xid, program, version, procedure, credential, verifier, rpcVersion);
    }
}
