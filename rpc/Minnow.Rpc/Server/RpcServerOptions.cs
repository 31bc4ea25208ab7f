using Minnow.Rpc.Messages;
using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Server;

/// <summary>Settings of an <see cref="RpcServer"/>.</summary>
public sealed record RpcServerOptions
{
    public static RpcServerOptions Default { get; } = new();

    /// <summary>The max-size policy applied to arguments.</summary>
    public XdrLimits Limits { get; init; } = XdrLimits.Default;

    /// <summary>Largest call record accepted over TCP; a larger one closes the connection.</summary>
    public int MaxRecordSize { get; init; } = (1 << 30) + (1 << 20);

    /// <summary>Largest record fragment sent over TCP.</summary>
    public int MaxFragmentSize { get; init; } = 1 << 20;

    /// <summary>
    /// Checks a call's credential before dispatch; anything but <see cref="AuthStatus.Ok"/> is answered with
    /// AUTH_ERROR. The default accepts AUTH_NONE and well-formed AUTH_SYS, as libtirpc does.
    /// </summary>
    public Func<RpcCallHeader, AuthStatus> Authenticate { get; init; } = DefaultAuthenticate;

    public static AuthStatus DefaultAuthenticate(RpcCallHeader header) => header.Credential.Flavor switch
    {
        AuthFlavor.None => AuthStatus.Ok,
        AuthFlavor.Sys => AuthSysParameters.TryDecode(header.Credential.Body.Span) is null ? AuthStatus.BadCredential : AuthStatus.Ok,
        _ => AuthStatus.RejectedCredential,
    };
}
