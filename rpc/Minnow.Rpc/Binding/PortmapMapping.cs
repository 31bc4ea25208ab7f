using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Binding;

/// <summary>A portmapper version 2 mapping (<c>struct pmap</c> of RFC 1833): program and version on a protocol and port.</summary>
public readonly record struct PortmapMapping(uint Program, uint Version, IpProtocol Protocol, uint Port)
{
    public static readonly XdrEncode<PortmapMapping> Encode = static (writer, mapping) =>
    {
        writer.WriteUInt32(mapping.Program);
        writer.WriteUInt32(mapping.Version);
        writer.WriteUInt32((uint)mapping.Protocol);
        writer.WriteUInt32(mapping.Port);
    };

    public static readonly XdrDecode<PortmapMapping> Decode = static (ref XdrReader reader) =>
        new PortmapMapping(reader.ReadUInt32(), reader.ReadUInt32(), (IpProtocol)reader.ReadUInt32(), reader.ReadUInt32());

    /// <summary>
    /// Decodes <c>pmaplist *</c>, a linked list through optional data. It is read in a loop rather
    /// than recursively, so a long list cannot exhaust the stack.
    /// </summary>
    public static readonly XdrDecode<IReadOnlyList<PortmapMapping>> DecodeList = static (ref XdrReader reader) =>
    {
        var mappings = new List<PortmapMapping>();
        while (reader.ReadBoolean())
        {
            mappings.Add(Decode(ref reader));
            if (mappings.Count > reader.Limits.MaxArrayLength)
            {
                reader.Fail(XdrErrorKind.LengthExceedsLimit, $"more than {reader.Limits.MaxArrayLength} portmapper entries");
            }
        }
        return mappings;
    };
}
