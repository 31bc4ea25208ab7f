namespace Minnow.Rpc.Messages;

/// <summary><c>auth_flavor</c> of RFC 5531 (the numbers are assigned by IANA).</summary>
public enum AuthFlavor
{
    None = 0,
    Sys = 1,
    Short = 2,
    Dh = 3,
    RpcSecGss = 6,
}
