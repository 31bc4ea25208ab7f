namespace Minnow.Rpc.Xdr;

/// <summary>A type with an XDR encoding: generated structs and unions implement it.</summary>
public interface IXdrType<TSelf> where TSelf : IXdrType<TSelf>
{
    void Encode(XdrWriter writer);

    static abstract TSelf Decode(ref XdrReader reader);
}
