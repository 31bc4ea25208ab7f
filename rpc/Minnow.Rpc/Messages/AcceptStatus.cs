namespace Minnow.Rpc.Messages;

/// <summary><c>accept_stat</c> of RFC 5531: how an accepted call went.</summary>
public enum AcceptStatus
{
    Success = 0,
    ProgramUnavailable = 1,
    ProgramMismatch = 2,
    ProcedureUnavailable = 3,
    GarbageArguments = 4,
    SystemError = 5,
}
