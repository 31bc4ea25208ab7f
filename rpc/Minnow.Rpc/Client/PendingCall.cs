namespace Minnow.Rpc.Client;

/// <summary>
/// A call waiting for its reply. The transport's receive loop, the timeout and a lost connection
/// race to complete it; the first wins and the others are ignored.
/// </summary>
internal sealed class PendingCall : TaskCompletionSource<PendingReply>
{
    public PendingCall()
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
    }

    /// <summary>Waits for the reply, turning the timeout and cancellation into errors rather than exceptions.</summary>
    public async ValueTask<PendingReply> WaitAsync(TimeSpan timeout, RpcProcedure procedure, CancellationToken cancellationToken)
    {
        bool infinite = timeout == Timeout.InfiniteTimeSpan;
        if (infinite && !cancellationToken.CanBeCanceled)
        {
            return await Task.ConfigureAwait(false);
        }
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!infinite)
        {
            timer.CancelAfter(timeout);
        }
        var state = (this, procedure, timeout, cancellationToken);
        await using (timer.Token.UnsafeRegister(static s =>
        {
            var (call, procedure, timeout, token) = ((PendingCall, RpcProcedure, TimeSpan, CancellationToken))s!;
            call.TrySetResult(PendingReply.Failed(token.IsCancellationRequested
                ? new RpcError(RpcErrorKind.Cancelled, $"{procedure}: cancelled")
                : new RpcError(RpcErrorKind.Timeout, $"{procedure}: no reply within {timeout.TotalSeconds:0.###} s")));
        }, state).ConfigureAwait(false))
        {
            return await Task.ConfigureAwait(false);
        }
    }
}
