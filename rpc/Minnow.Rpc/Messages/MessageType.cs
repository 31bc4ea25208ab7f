namespace Minnow.Rpc.Messages;

/// <summary><c>msg_type</c> of RFC 5531.</summary>
public enum MessageType
{
    Call = 0,
    Reply = 1,
}
