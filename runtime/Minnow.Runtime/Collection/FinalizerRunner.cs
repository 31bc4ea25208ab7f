using System.Runtime.CompilerServices;
using Minnow.Runtime.Allocation;

namespace Minnow.Runtime.Collection;

/// <summary>
/// Takes objects off the finalization queue the way RhpGetNextFinalizableObject must, and, only when
/// the finalizer thread could not be started (no memory for its stack), runs their finalizers on the
/// thread in GC.WaitForPendingFinalizers instead.
/// </summary>
internal static unsafe class FinalizerRunner
{
    private static bool s_running;

    public static void RunPending()
    {
        if (s_running)
            return;
        s_running = true;
        nint obj;
        while ((obj = NextToFinalize()) != 0)
        {
            var finalizer = (delegate*<object, void>)ObjectLayout.FinalizerCode(ObjectLayout.MethodTableOf((void*)obj));
            if (finalizer != null)
                finalizer(Unsafe.As<nint, object>(ref obj));
        }
        s_running = false;
    }

    /// <summary>
    /// RhpGetNextFinalizableObject's rule: skip (and un-suppress) objects whose finalizer was
    /// suppressed after they were queued.
    /// </summary>
    public static nint NextToFinalize()
    {
        while (true)
        {
            nint obj = FinalizationQueue.Dequeue();
            if (obj == 0)
                return 0;
            int* header = ObjectLayout.HeaderBits((void*)obj);
            if ((*header & ObjectLayout.FinalizerRunBit) == 0)
                return obj;
            Interlocked.And(ref *header, ~ObjectLayout.FinalizerRunBit);
        }
    }
}
