namespace Minnow.Rpc.Messages;

/// <summary><c>auth_stat</c> of RFC 5531: why authentication failed.</summary>
public enum AuthStatus
{
    Ok = 0,
    BadCredential = 1,
    RejectedCredential = 2,
    BadVerifier = 3,
    RejectedVerifier = 4,
    TooWeak = 5,
    InvalidResponse = 6,
    Failed = 7,
    KerberosGeneric = 8,
    TimeExpired = 9,
    TicketFile = 10,
    Decode = 11,
    NetworkAddress = 12,
    RpcSecGssCredentialProblem = 13,
    RpcSecGssContextProblem = 14,
}
