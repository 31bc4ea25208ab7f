using Minnow.Kernel.Cpu;
using Minnow.Runtime.Allocation;
using Minnow.Runtime.Memory;

namespace Minnow.Runtime.Collection;

/// <summary>
/// Objects with finalizers. Registered ones (allocated with RhpNewFinalizable, or re-registered) are
/// watched, not kept alive; when a collection finds one unreachable it moves to the ready queue, and
/// the ready queue is a root until the finalizer has run (so the object and all it references survive
/// that collection, the stock "f-reachable" rule). An object whose finalizer was suppressed
/// (<see cref="ObjectLayout.FinalizerRunBit"/> in its header) is dropped instead. The ready queue
/// always has room for every registered object, so a collection never needs memory to move them.
/// Threads change the queues with interrupts off, so a collection never sees them half-updated.
/// </summary>
internal static unsafe class FinalizationQueue
{
    private static nint* s_registered;
    private static ulong s_registeredCount;
    private static ulong s_registeredCapacity;
    private static nint* s_ready;
    private static ulong s_readyHead;
    private static ulong s_readyEnd;
    private static ulong s_readyCapacity;

    public static ulong ReadyCount => s_readyEnd - s_readyHead;

    /// <summary>Watches <paramref name="obj"/>; false when there was no memory to do so.</summary>
    public static bool Register(nint obj)
    {
        ulong interrupts = InterruptState.Disable();
        bool registered = RegisterExclusive(obj);
        InterruptState.Restore(interrupts);
        return registered;
    }

    /// <summary>The next object whose finalizer should run, or 0 when none is queued.</summary>
    public static nint Dequeue()
    {
        ulong interrupts = InterruptState.Disable();
        nint obj = 0;
        if (s_readyHead != s_readyEnd)
        {
            obj = s_ready[s_readyHead++];
            if (s_readyHead == s_readyEnd)
                s_readyHead = s_readyEnd = 0;
        }
        InterruptState.Restore(interrupts);
        return obj;
    }

    private static bool RegisterExclusive(nint obj)
    {
        if (s_registeredCount == s_registeredCapacity && !Grow(ref s_registered, ref s_registeredCapacity))
            return false;
        CompactReady();
        while (s_readyCapacity < s_readyEnd + s_registeredCount + 1)
        {
            if (!Grow(ref s_ready, ref s_readyCapacity))
                return false;
        }
        s_registered[s_registeredCount++] = obj;
        return true;
    }

    /// <summary>Collector: the ready queue's objects are roots.</summary>
    public static void MarkReadyObjects()
    {
        for (ulong i = s_readyHead; i < s_readyEnd; i++)
            Marker.MarkReference(s_ready[i]);
    }

    /// <summary>
    /// Collector, after marking and clearing short weak handles: moves every registered object the
    /// mark did not reach to the ready queue and marks it (the caller then drains the mark stack).
    /// </summary>
    public static void QueueUnreachable()
    {
        CompactReady();
        ulong kept = 0;
        for (ulong i = 0; i < s_registeredCount; i++)
        {
            nint obj = s_registered[i];
            if (Marker.IsLive(obj))
            {
                s_registered[kept++] = obj;
                continue;
            }
            if ((*ObjectLayout.HeaderBits((void*)obj) & ObjectLayout.FinalizerRunBit) != 0)
                continue;
            s_ready[s_readyEnd++] = obj;
            Marker.MarkReference(obj);
        }
        s_registeredCount = kept;
    }

    private static void CompactReady()
    {
        if (s_readyHead == 0)
            return;
        ulong count = s_readyEnd - s_readyHead;
        for (ulong i = 0; i < count; i++)
            s_ready[i] = s_ready[s_readyHead + i];
        s_readyHead = 0;
        s_readyEnd = count;
    }

    private static bool Grow(ref nint* items, ref ulong capacity)
    {
        ulong grown = capacity == 0 ? 256 : capacity * 2;
        var moved = (nint*)NativeHeap.Reallocate(items, (nuint)(grown * (ulong)sizeof(nint)));
        if (moved == null)
            return false;
        items = moved;
        capacity = grown;
        return true;
    }
}
