namespace Minnow.Runtime.ExceptionHandling;

/// <summary>
/// A thread's exception-handling state: the head of its chain of ExInfos (exceptions in flight,
/// newest first, each on the stack of its throw), the context a stack-trace walk starts from, and the
/// "do not trigger a GC" flag CoreLib's dispatcher sets during its second pass. Reached only through
/// <see cref="Current"/>: Minnow has one thread for now, and a per-thread block will own this later.
/// </summary>
internal unsafe struct ExceptionThreadState
{
    public ExInfo* ExInfoHead;
    public PalLimitedContext* StackTraceContext;
    /// <summary>CoreLib's dispatcher is between funclets of its second pass: a collection must wait.</summary>
    public bool DoNotTriggerGc;
    /// <summary>The runtime's own stack walk is running: a CPU fault now is a runtime bug, not an exception.</summary>
    public bool WalkingStack;

    private static ExceptionThreadState s_bootThread;

    public static ExceptionThreadState* Current
    {
        get
        {
            fixed (ExceptionThreadState* state = &s_bootThread)
                return state;
        }
    }
}
