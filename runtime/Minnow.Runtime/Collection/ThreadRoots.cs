using Minnow.Kernel.Threading;

namespace Minnow.Runtime.Collection;

/// <summary>
/// The roots threads hold. Stacks are scanned conservatively: every aligned word that points into an
/// allocated object keeps it alive. A thread's inlined thread-static bases (registered through
/// RhRegisterInlinedThreadStaticRoot, kept in its <see cref="KernelThread"/>) are precise roots.
/// The collecting thread's stack is scanned from the collector's entry (below it lie only the
/// collector's own frames; its callee-saved registers were spilled just above by a stub) to its top.
/// Every other thread is stopped (interrupts are off) and everything it may hold lies in
/// [saved stack pointer, stack top): the callee-saved registers the context switch pushed, and, when
/// a timer interrupt preempted it, the whole interrupted register file (<see cref="ThreadRegistry"/>).
/// </summary>
internal static unsafe class ThreadRoots
{
    /// <summary>Collector: every thread's roots; <paramref name="currentStackLow"/> is where the collector's own frames begin.</summary>
    public static void ScanAll(nuint currentStackLow)
    {
        KernelThread* current = Scheduler.Current;
        bool currentSeen = false;
        for (KernelThread* thread = ThreadRegistry.First; thread != null; thread = thread->RegistryNext)
        {
            currentSeen |= thread == current;
            ScanThread(thread, thread == current ? currentStackLow : (nuint)thread->SavedStackPointer);
        }
        if (!currentSeen)
            ScanThread(current, currentStackLow);
    }

    private static void ScanThread(KernelThread* thread, nuint stackLow)
    {
        ScanStack(stackLow, (nuint)thread->StackHigh);
        for (int i = 0; i < thread->ThreadStaticRootCount; i++)
            Marker.MarkReference(*(nint*)thread->ThreadStaticRoots[i]);
        GcFrameRegistrations.Scan(thread);
    }

    /// <summary>Conservatively scans the 8-byte-aligned words of [low, high).</summary>
    private static void ScanStack(nuint low, nuint high)
    {
        for (nuint* word = (nuint*)((low + 7) & ~(nuint)7); word + 1 <= (nuint*)high; word++)
            Marker.MarkConservatively(*word);
    }
}
