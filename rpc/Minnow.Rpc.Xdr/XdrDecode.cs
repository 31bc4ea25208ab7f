namespace Minnow.Rpc.Xdr;

/// <summary>Decodes one value; on malformed input it records an error in the reader and returns any value.</summary>
public delegate T XdrDecode<T>(ref XdrReader reader);
