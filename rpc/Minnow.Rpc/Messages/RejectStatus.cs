namespace Minnow.Rpc.Messages;

/// <summary><c>reject_stat</c> of RFC 5531: why a call was denied.</summary>
public enum RejectStatus
{
    RpcMismatch = 0,
    AuthError = 1,
}
