using Minnow.Rpc.Xdr;

namespace Minnow.Rpc;

/// <summary>The XDR <c>void</c>: no arguments or no results.</summary>
public readonly record struct RpcVoid
{
    public static readonly XdrEncode<RpcVoid> Encode = static (_, _) => { };

    public static readonly XdrDecode<RpcVoid> Decode = static (ref XdrReader _) => default;
}
