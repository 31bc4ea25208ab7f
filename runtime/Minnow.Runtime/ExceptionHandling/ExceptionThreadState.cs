using Minnow.Kernel.Threading;

namespace Minnow.Runtime.ExceptionHandling;

/// <summary>
/// A thread's exception-handling state: the head of its chain of ExInfos (exceptions in flight,
/// newest first, each on the stack of its throw), the context a stack-trace walk starts from, and the
/// "do not trigger a GC" flag CoreLib's dispatcher sets during its second pass. Reached only through
/// <see cref="Current"/>: it lives in the running thread's control block (KernelThread.ExceptionState),
/// so threads that throw at the same time, or are preempted mid-dispatch, keep their own chains.
/// </summary>
internal unsafe struct ExceptionThreadState
{
    public ExInfo* ExInfoHead;
    public PalLimitedContext* StackTraceContext;
    /// <summary>CoreLib's dispatcher is between funclets of its second pass: a collection must wait.</summary>
    public bool DoNotTriggerGc;
    /// <summary>The runtime's own stack walk is running: a CPU fault now is a runtime bug, not an exception.</summary>
    public bool WalkingStack;

    /// <summary>The running thread's state. Threads exist before any managed code runs (KernelStartup).</summary>
    public static ExceptionThreadState* Current => (ExceptionThreadState*)Scheduler.Current->ExceptionState;

    /// <summary>Whether the state fits the space each thread's control block reserves for it.</summary>
    public static bool FitsThreadControlBlock => sizeof(ExceptionThreadState) <= KernelThread.ExceptionStateWords * sizeof(ulong);
}
