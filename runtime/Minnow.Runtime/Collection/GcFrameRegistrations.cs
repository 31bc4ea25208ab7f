using System.Runtime;
using Minnow.Kernel.Threading;

namespace Minnow.Runtime.Collection;

/// <summary>
/// RhRegisterForGCReporting: CoreLib (reflection invoke, Delegate.Method) registers a block of object
/// references that must stay alive and be reported while it works with them. Each registration is a
/// GCFrameRegistration on the caller's stack: two words the runtime owns (here: the next registration
/// of the thread, and the thread), a pointer to the references, their count, and whether they may be
/// interior pointers. Registrations nest (last in, first out) and the collector marks every reference
/// of every thread's registrations, conservatively, so interior ones keep their object too.
/// </summary>
internal static unsafe class GcFrameRegistrations
{
    private struct Registration
    {
        public Registration* Next;
        public KernelThread* Thread;
        public nint* References;
        public uint Count;
        public int MaybeInterior;
    }

    [RuntimeExport("RhRegisterForGCReporting")]
    private static void Register(void* registration)
    {
        var frame = (Registration*)registration;
        KernelThread* thread = Scheduler.Current;
        frame->Thread = thread;
        frame->Next = (Registration*)thread->GcFrameRegistrations;
        thread->GcFrameRegistrations = (nint)frame;
    }

    [RuntimeExport("RhUnregisterForGCReporting")]
    private static void Unregister(void* registration)
    {
        var frame = (Registration*)registration;
        KernelThread* thread = frame->Thread;
        // Last in, first out; an out-of-order removal still unlinks the right frame.
        var link = (Registration**)&thread->GcFrameRegistrations;
        while (*link != null && *link != frame)
            link = &(*link)->Next;
        if (*link == frame)
            *link = frame->Next;
    }

    /// <summary>Collector: marks what <paramref name="thread"/>'s registrations hold.</summary>
    public static void Scan(KernelThread* thread)
    {
        for (var frame = (Registration*)thread->GcFrameRegistrations; frame != null; frame = frame->Next)
            for (uint i = 0; i < frame->Count; i++)
                Marker.MarkConservatively((nuint)frame->References[i]);
    }
}
