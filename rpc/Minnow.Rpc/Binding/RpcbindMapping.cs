using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Binding;

/// <summary>An rpcbind version 3/4 mapping (<c>struct rpcb</c> of RFC 1833): program and version at a universal address on a netid.</summary>
public sealed record RpcbindMapping(uint Program, uint Version, string NetId, string Address, string Owner)
{
    public static readonly XdrEncode<RpcbindMapping> Encode = static (writer, mapping) =>
    {
        writer.WriteUInt32(mapping.Program);
        writer.WriteUInt32(mapping.Version);
        writer.WriteString(mapping.NetId);
        writer.WriteString(mapping.Address);
        writer.WriteString(mapping.Owner);
    };

    public static readonly XdrDecode<RpcbindMapping> Decode = static (ref XdrReader reader) =>
        new RpcbindMapping(reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadString(), reader.ReadString(), reader.ReadString());
}
