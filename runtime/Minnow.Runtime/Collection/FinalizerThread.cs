using System.Runtime.InteropServices;
using Minnow.Kernel.Cpu;
using Minnow.Kernel.Threading;

namespace Minnow.Runtime.Collection;

/// <summary>
/// The thread that runs finalizers, as in the stock runtime: a kernel thread running CoreLib's
/// ProcessFinalizers, which loops on RhpWaitForFinalizerRequest (block until a collection queued
/// objects), RhpGetNextFinalizableObject (run each finalizer) and RhpSignalFinalizationComplete. It
/// starts with the first collection that queues something, so images without finalizable garbage
/// never pay for it. GC.WaitForPendingFinalizers asks for a pass and blocks until one that started
/// after the request has ended. Everything here runs with interrupts off, the scheduler's lock.
/// If the thread cannot be started (no memory), finalizers run on the thread that waits for them.
/// </summary>
internal static unsafe class FinalizerThread
{
    private const ulong StackSize = 256 * 1024;

    private static KernelThread* s_thread;
    private static bool s_startFailed;
    private static bool s_requestPending;
    private static ulong s_passesStarted;
    private static ulong s_passesCompleted;
    private static ThreadQueue s_idle;
    private static ThreadQueue s_waitingForPass;

    /// <summary>A collection queued objects: wake (or start) the finalizer thread. Interrupts off.</summary>
    public static void RequestPass()
    {
        s_requestPending = true;
        if (s_thread == null && !s_startFailed)
        {
            s_thread = KernelThreads.Start(&Run, 0, StackSize);
            s_startFailed = s_thread == null;
            if (s_thread != null)
                Name(s_thread, "finalizer"u8);
        }
        KernelThread* idle = s_idle.Head;
        if (idle != null)
            Scheduler.Wake(idle, WakeReason.Signaled);
    }

    /// <summary>RhpWaitForFinalizerRequest: blocks the finalizer thread until a pass is requested; 1 means "run finalizers".</summary>
    public static int WaitForRequest()
    {
        ulong interrupts = InterruptState.Disable();
        while (!s_requestPending)
        {
            s_idle.Enqueue(Scheduler.Current);
            Scheduler.Block(0);
        }
        s_requestPending = false;
        s_passesStarted++;
        InterruptState.Restore(interrupts);
        return 1;
    }

    /// <summary>RhpSignalFinalizationComplete: the finalizer thread drained the queue.</summary>
    public static void SignalPassCompleted()
    {
        ulong interrupts = InterruptState.Disable();
        s_passesCompleted++;
        KernelThread* waiter;
        while ((waiter = s_waitingForPass.Head) != null)
            Scheduler.Wake(waiter, WakeReason.Signaled);
        InterruptState.Restore(interrupts);
    }

    /// <summary>GC.WaitForPendingFinalizers: returns once every finalizer queued before the call has run.</summary>
    public static void WaitForPendingFinalizers()
    {
        ulong interrupts = InterruptState.Disable();
        if (s_thread != null && Scheduler.Current == s_thread)
        {
            InterruptState.Restore(interrupts);
            return;
        }
        // A pass already running may have dequeued before the newest objects were queued: wait for
        // one that starts after this request.
        ulong needed = s_passesStarted + 1;
        bool work = FinalizationQueue.ReadyCount != 0 || s_passesCompleted < s_passesStarted;
        if (work)
            RequestPass();
        while (work && s_thread != null && s_passesCompleted < needed)
        {
            s_waitingForPass.Enqueue(Scheduler.Current);
            Scheduler.Block(0);
        }
        InterruptState.Restore(interrupts);
        if (work && s_thread == null)
            FinalizerRunner.RunPending();
    }

    private static void Run(nint unused)
    {
        ProcessFinalizers()();
        KernelThreads.ExitCurrent();
    }

    private static void Name(KernelThread* thread, ReadOnlySpan<byte> name)
    {
        int n = name.Length < KernelThread.NameCapacity - 1 ? name.Length : KernelThread.NameCapacity - 1;
        for (int i = 0; i < n; i++)
            thread->Name[i] = name[i];
        thread->Name[n] = 0;
    }

    /// <summary>CoreLib's UnmanagedCallersOnly export (System.Runtime.__Finalizer.ProcessFinalizers); it never returns.</summary>
    [DllImport("minnow", EntryPoint = "minnow_process_finalizers_entry"), SuppressGCTransition]
    private static extern delegate* unmanaged<void> ProcessFinalizers();
}
