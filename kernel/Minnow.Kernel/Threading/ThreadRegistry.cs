namespace Minnow.Kernel.Threading;

/// <summary>
/// Every live thread that can run managed code (the idle thread is not listed), for the garbage
/// collector and diagnostics. Walk it with interrupts off (the collector runs with them off), from
/// <see cref="First"/> along <see cref="KernelThread.RegistryNext"/>. For a thread that is not the
/// running one, everything it may hold lies in [<see cref="KernelThread.SavedStackPointer"/>,
/// <see cref="KernelThread.StackHigh"/>): its callee-saved registers at the bottom
/// (<see cref="SavedRegistersSize"/> bytes), and, if a timer interrupt preempted it, the complete
/// interrupted register file and XSAVE area further up. Threads are added before they first run and
/// removed before their memory is freed.
/// </summary>
public static unsafe class ThreadRegistry
{
    private static KernelThread* s_first;

    public static KernelThread* First => s_first;

    public static int Count { get; private set; }

    /// <summary>Size of the callee-saved register block at a parked thread's saved stack pointer.</summary>
    public const int SavedRegistersSize = ContextSwitch.SavedRegistersSize;

    /// <summary>The lowest address of a thread's live stack: its current rsp when running, else the saved one.</summary>
    public static ulong LiveStackLow(KernelThread* thread, ulong currentStackPointer) =>
        thread == Scheduler.Current ? currentStackPointer : thread->SavedStackPointer;

    internal static void Add(KernelThread* thread)
    {
        thread->RegistryPrevious = null;
        thread->RegistryNext = s_first;
        if (s_first != null)
            s_first->RegistryPrevious = thread;
        s_first = thread;
        Count++;
    }

    internal static void Remove(KernelThread* thread)
    {
        if (thread->RegistryPrevious != null)
            thread->RegistryPrevious->RegistryNext = thread->RegistryNext;
        else
            s_first = thread->RegistryNext;
        if (thread->RegistryNext != null)
            thread->RegistryNext->RegistryPrevious = thread->RegistryPrevious;
        thread->RegistryNext = null;
        thread->RegistryPrevious = null;
        Count--;
    }
}
