using Minnow.Rpc.Messages;
using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Client;

/// <summary>The transport-independent halves of a call: encoding the call message and interpreting the reply.</summary>
internal static class RpcCallCodec
{
    public static RpcError? EncodeCall<TArguments>(
        XdrWriter writer, uint xid, RpcProcedure procedure, OpaqueAuth credential,
        TArguments arguments, XdrEncode<TArguments> encodeArguments)
    {
        new RpcCallHeader(xid, procedure.Program, procedure.Version, procedure.Procedure, credential, OpaqueAuth.None).Encode(writer);
        encodeArguments(writer, arguments);
        return writer.HasError
            ? new RpcError(RpcErrorKind.InvalidArguments, $"{procedure}: the arguments cannot be encoded: {writer.Error}") { XdrError = writer.Error }
            : null;
    }

    public static RpcResult<TResult> DecodeReply<TResult>(ReadOnlySpan<byte> message, RpcProcedure procedure, XdrDecode<TResult> decodeResult, XdrLimits limits)
    {
        var reader = new XdrReader(message, limits);
        RpcMessagePrefix.TryDecode(ref reader, out RpcMessagePrefix prefix);
        RpcReplyHeader header = RpcReplyHeader.DecodeBody(prefix.Xid, ref reader);
        if (reader.HasError)
        {
            return new RpcError(RpcErrorKind.MalformedReply, $"{procedure}: the reply header cannot be decoded: {reader.Error}") { XdrError = reader.Error };
        }
        if (!header.IsSuccess)
        {
            return RpcError.FromReply(header, procedure);
        }
        TResult result = decodeResult(ref reader);
        if (reader.HasError)
        {
            return new RpcError(RpcErrorKind.MalformedReply, $"{procedure}: the results cannot be decoded: {reader.Error}") { XdrError = reader.Error };
        }
        return result;
    }

    /// <summary>Reads the xid of a reply; false for anything that is not a reply.</summary>
    public static bool TryGetReplyXid(ReadOnlySpan<byte> message, out uint xid)
    {
        var reader = new XdrReader(message);
        bool ok = RpcMessagePrefix.TryDecode(ref reader, out RpcMessagePrefix prefix) && prefix.Type == MessageType.Reply;
        xid = prefix.Xid;
        return ok;
    }
}
