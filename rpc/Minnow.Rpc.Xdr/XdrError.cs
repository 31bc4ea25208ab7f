namespace Minnow.Rpc.Xdr;

/// <summary>
/// A failed XDR encode or decode: what went wrong and where. Readers and writers report errors as
/// values (they stay failed once an error is recorded) because decoding runs on hot paths and
/// inside Minnow images, where throwing is expensive or not yet supported.
/// </summary>
public readonly record struct XdrError(XdrErrorKind Kind, int Offset, string Detail)
{
    public bool IsError => Kind != XdrErrorKind.None;

    public override string ToString() => $"XDR {Kind} at byte {Offset}: {Detail}";
}
