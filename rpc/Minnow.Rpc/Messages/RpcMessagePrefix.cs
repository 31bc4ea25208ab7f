using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Messages;

/// <summary>The two words every RPC message starts with: transports route on them before decoding the rest.</summary>
public readonly record struct RpcMessagePrefix(uint Xid, MessageType Type)
{
    public const int Size = 8;

    /// <summary>Reads the prefix; false (with the reader failed) when the message is too short or the type unknown.</summary>
    public static bool TryDecode(ref XdrReader reader, out RpcMessagePrefix prefix)
    {
        uint xid = reader.ReadUInt32();
        MessageType type = reader.ReadEnum<MessageType>();
        prefix = new RpcMessagePrefix(xid, type);
        return !reader.HasError;
    }
}
