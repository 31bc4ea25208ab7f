using Minnow.Rpc.Xdr;

namespace Rpc.Tests.Support;

/// <summary>Encoders and decoders the tests pass to CallAsync.</summary>
public static class Codecs
{
    public static readonly XdrEncode<int> Int = static (w, v) => w.WriteInt32(v);
    public static readonly XdrEncode<(int, int)> IntPair = static (w, v) => { w.WriteInt32(v.Item1); w.WriteInt32(v.Item2); };
    public static readonly XdrEncode<byte[]> Opaque = static (w, v) => w.WriteOpaque(v);
    public static readonly XdrDecode<int> ReadInt = static (ref XdrReader r) => r.ReadInt32();
    public static readonly XdrDecode<byte[]> ReadOpaque = static (ref XdrReader r) => r.ReadOpaque();
    public static readonly XdrDecode<(uint, string)> ReadUidAndHost = static (ref XdrReader r) => (r.ReadUInt32(), r.ReadString());
}
