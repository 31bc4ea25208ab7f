using System.Runtime;
using Minnow.Kernel;

namespace Minnow.Runtime.ExceptionHandling;

/// <summary>
/// What the exception stubs (build/Minnow.Build/Stubs/Runtime) call to reach the thread's exception
/// state, so that only <see cref="ExceptionThreadState.Current"/> knows where it lives. Also
/// CoreLib's RhpSetThreadDoNotTriggerGC, the other side of the same flag.
/// </summary>
internal static unsafe class ExceptionStubCallbacks
{
    /// <summary>A throw stub links its new ExInfo; the previous head is the active exception a rethrow re-raises.</summary>
    [RuntimeExport("MinnowExInfoPush")]
    private static ExInfo* Push(ExInfo* exInfo)
    {
        ExceptionThreadState* state = ExceptionThreadState.Current;
        ExInfo* previous = state->ExInfoHead;
        exInfo->Previous = previous;
        state->ExInfoHead = exInfo;
        return previous;
    }

    /// <summary>
    /// A catch funclet finished: execution resumes in its parent at <paramref name="resumeSp"/>, so every
    /// ExInfo below that, the handled one included, is gone with the stack it lived on.
    /// </summary>
    [RuntimeExport("MinnowExInfoPopAfterCatch")]
    private static void PopAfterCatch(ExInfo* handled, ulong resumeSp)
    {
        ExInfo* survivor = handled->Previous;
        while (survivor != null && (ulong)survivor < resumeSp)
            survivor = survivor->Previous;
        ExceptionThreadState.Current->ExInfoHead = survivor;
    }

    /// <summary>A funclet runs ordinary code: it may allocate and collect.</summary>
    [RuntimeExport("MinnowFuncletAllowGc")]
    private static void AllowGc() => ExceptionThreadState.Current->DoNotTriggerGc = false;

    /// <summary>Back in the dispatcher's second pass after a finally: no collection until the next funclet.</summary>
    [RuntimeExport("MinnowFuncletForbidGc")]
    private static void ForbidGc() => ExceptionThreadState.Current->DoNotTriggerGc = true;

    [RuntimeExport("RhpSetThreadDoNotTriggerGC")]
    private static void SetThreadDoNotTriggerGc()
    {
        ExceptionThreadState* state = ExceptionThreadState.Current;
        if (state->DoNotTriggerGc)
            Panic.Fail("exception dispatch: second pass started while collections were already forbidden");
        state->DoNotTriggerGc = true;
    }

    /// <summary>RhpGetCurrentThreadStackTrace records the context its walk starts from (null when done).</summary>
    [RuntimeExport("MinnowSetStackTraceContext")]
    private static void SetStackTraceContext(PalLimitedContext* context) =>
        ExceptionThreadState.Current->StackTraceContext = context;
}
