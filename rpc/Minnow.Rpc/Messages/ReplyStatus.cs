namespace Minnow.Rpc.Messages;

/// <summary><c>reply_stat</c> of RFC 5531.</summary>
public enum ReplyStatus
{
    Accepted = 0,
    Denied = 1,
}
