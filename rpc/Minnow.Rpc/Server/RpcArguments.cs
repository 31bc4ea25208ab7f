using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Server;

/// <summary>Decoding of a call's arguments for server skeletons.</summary>
public static class RpcArguments
{
    /// <summary>
    /// Decodes the arguments; false when they are malformed (the skeleton answers GARBAGE_ARGS). Bytes
    /// after the arguments are ignored, as libtirpc's servers ignore them.
    /// </summary>
    public static bool TryDecode<T>(ReadOnlyMemory<byte> arguments, XdrDecode<T> decode, XdrLimits limits, out T value)
    {
        var reader = new XdrReader(arguments.Span, limits);
        value = decode(ref reader);
        return !reader.HasError;
    }
}
