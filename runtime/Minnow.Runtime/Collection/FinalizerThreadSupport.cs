using System.Runtime.CompilerServices;
using Minnow.Kernel;

namespace Minnow.Runtime.Collection;

/// <summary>
/// Who runs finalizers. Once the scheduler exists it starts a thread that runs CoreLib's
/// ProcessFinalizers and calls <see cref="Attach"/>; ProcessFinalizers then loops on
/// RhpWaitForFinalizerRequest / RhpGetNextFinalizableObject / RhpSignalFinalizationComplete, and
/// collections wake it. Until then (<see cref="IsAttached"/> false) the runtime runs finalizers itself
/// on the thread that asks, at safe points only: see <see cref="FinalizerRunner"/>.
/// The scheduler provides a futex-style pair: WaitWhileEqual(address, value) blocks the calling
/// thread while *address == value (spurious returns are fine), WakeAll(address) makes every thread
/// blocked on address runnable; and CurrentThread, an identity for the running thread.
/// </summary>
internal static unsafe class FinalizerThreadSupport
{
    private static delegate*<int*, int, void> s_waitWhileEqual;
    private static delegate*<int*, void> s_wakeAll;
    private static delegate*<nuint> s_currentThread;
    private static nuint s_finalizerThread;
    private static int s_requestPending;
    private static int s_passesCompleted;

    public static bool IsAttached => s_waitWhileEqual != null;

    // Non-GC statics never move: their addresses are stable wait keys.
    private static int* RequestPending => (int*)Unsafe.AsPointer(ref s_requestPending);
    private static int* PassesCompleted => (int*)Unsafe.AsPointer(ref s_passesCompleted);

    public static void Attach(nuint finalizerThread, delegate*<nuint> currentThread, delegate*<int*, int, void> waitWhileEqual, delegate*<int*, void> wakeAll)
    {
        s_finalizerThread = finalizerThread;
        s_currentThread = currentThread;
        s_wakeAll = wakeAll;
        s_waitWhileEqual = waitWhileEqual;
    }

    /// <summary>After a collection queued finalizers: wake the finalizer thread.</summary>
    public static void RequestPass()
    {
        s_requestPending = 1;
        s_wakeAll(RequestPending);
    }

    /// <summary>RhpWaitForFinalizerRequest: blocks the finalizer thread until there is work; 1 means "run finalizers".</summary>
    public static int WaitForRequest()
    {
        if (!IsAttached)
            Panic.Fail("RhpWaitForFinalizerRequest: no finalizer thread was attached (FinalizerThreadSupport.Attach)");
        while (s_requestPending == 0)
            s_waitWhileEqual(RequestPending, 0);
        s_requestPending = 0;
        return 1;
    }

    /// <summary>RhpSignalFinalizationComplete: the finalizer thread drained the queue.</summary>
    public static void SignalPassCompleted()
    {
        s_passesCompleted++;
        s_wakeAll(PassesCompleted);
    }

    /// <summary>GC.WaitForPendingFinalizers with a finalizer thread: ask for a pass and wait for it to end.</summary>
    public static void WaitForPass()
    {
        if (s_currentThread() == s_finalizerThread)
            return;
        int seen = s_passesCompleted;
        RequestPass();
        while (s_passesCompleted == seen)
            s_waitWhileEqual(PassesCompleted, seen);
    }
}
