using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Messages;

/// <summary><c>opaque_auth</c>: a credential or verifier, a flavor and up to 400 bytes of body.</summary>
public readonly record struct OpaqueAuth(AuthFlavor Flavor, ReadOnlyMemory<byte> Body)
{
    public const int MaxBodyLength = 400;

    public static OpaqueAuth None => default;

    /// <summary>An AUTH_SYS credential carrying <paramref name="parameters"/>.</summary>
    public static OpaqueAuth Sys(AuthSysParameters parameters)
    {
        var writer = new XdrWriter(64);
        parameters.Encode(writer);
        return new OpaqueAuth(AuthFlavor.Sys, writer.WrittenSpan.ToArray());
    }

    public void Encode(XdrWriter writer)
    {
        // The flavor is an open set (IANA assigns new ones), so it travels as a plain int.
        writer.WriteInt32((int)Flavor);
        writer.WriteOpaque(Body.Span, MaxBodyLength);
    }

    public static OpaqueAuth Decode(ref XdrReader reader)
    {
        var flavor = (AuthFlavor)reader.ReadInt32();
        byte[] body = reader.ReadOpaque(MaxBodyLength);
        return new OpaqueAuth(flavor, body);
    }
}
