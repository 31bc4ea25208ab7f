using Minnow.Rpc.Messages;

namespace Minnow.Rpc.Server;

/// <summary>How a program handled a call: success (results written) or the status to reply with instead.</summary>
public readonly record struct RpcDispatchResult
{
    private RpcDispatchResult(AcceptStatus acceptStatus, AuthStatus authStatus)
    {
        AcceptStatus = acceptStatus;
        AuthStatus = authStatus;
    }

    public AcceptStatus AcceptStatus { get; }

    /// <summary>Not <see cref="Messages.AuthStatus.Ok"/> when the program rejects the caller's credential (AUTH_ERROR).</summary>
    public AuthStatus AuthStatus { get; }

    public bool IsAuthError => AuthStatus != AuthStatus.Ok;

    public static RpcDispatchResult Success { get; } = new(AcceptStatus.Success, AuthStatus.Ok);

    public static RpcDispatchResult ProcedureUnavailable { get; } = new(AcceptStatus.ProcedureUnavailable, AuthStatus.Ok);

    public static RpcDispatchResult GarbageArguments { get; } = new(AcceptStatus.GarbageArguments, AuthStatus.Ok);

    public static RpcDispatchResult SystemError { get; } = new(AcceptStatus.SystemError, AuthStatus.Ok);

    public static RpcDispatchResult AuthError(AuthStatus status) => new(AcceptStatus.Success, status);
}
