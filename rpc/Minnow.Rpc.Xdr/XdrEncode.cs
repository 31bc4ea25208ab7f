namespace Minnow.Rpc.Xdr;

/// <summary>Encodes one value; values XDR cannot represent record an error in the writer.</summary>
public delegate void XdrEncode<in T>(XdrWriter writer, T value);
