using System.Runtime.CompilerServices;
using Minnow.Runtime.Allocation;

namespace Minnow.Runtime.Collection;

/// <summary>
/// Runs queued finalizers on the calling thread while no finalizer thread exists. That happens at
/// GC.WaitForPendingFinalizers, when GC.Collect returns, and after a collection the allocator started
/// when at least <see cref="BacklogLimit"/> objects wait (so an image that churns finalizable objects
/// still has a bounded heap). Running finalizers inside an allocation is a compromise: the allocating
/// code may hold a lock the finalizer takes (Monitor is re-entrant on the same thread, a LowLevelLock
/// is not), so small backlogs wait for an explicit safe point instead. A finalizer's exception has
/// nowhere to go yet and fails the image.
/// </summary>
internal static unsafe class FinalizerRunner
{
    public const ulong BacklogLimit = 1024;
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
