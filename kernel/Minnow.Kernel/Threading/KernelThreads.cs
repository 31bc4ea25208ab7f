using System.Runtime;
using Minnow.Kernel.Boot;
using Minnow.Kernel.Cpu;
using Minnow.Kernel.Memory;

namespace Minnow.Kernel.Threading;

/// <summary>
/// Creating and ending kernel threads. A thread owns one run of pages: an unmapped guard page (a
/// stack overflow faults instead of corrupting memory), the stack, then its TLS block and its
/// <see cref="KernelThread"/>. The entry is a managed function; when it returns the thread exits,
/// and the thread that runs next frees the pages (a thread cannot free the stack it stands on).
/// </summary>
public static unsafe class KernelThreads
{
    public const ulong DefaultStackSize = 1 << 20;
    public const ulong MinimumStackSize = 64 << 10;
    internal const ulong IdleStackSize = 16 << 10;

    private static ulong s_nextId = 1;

    /// <summary>
    /// Starts a thread that runs <paramref name="entry"/>(<paramref name="argument"/>) with interrupts
    /// on, then exits. <paramref name="stackSize"/> 0 means <see cref="DefaultStackSize"/>. Null when
    /// memory ran out.
    /// </summary>
    public static KernelThread* Start(delegate*<nint, void> entry, nint argument, ulong stackSize)
    {
        KernelThread* thread = Create(entry, argument, stackSize == 0 ? DefaultStackSize : stackSize, isIdle: false);
        if (thread != null)
            Scheduler.Admit(thread);
        return thread;
    }

    /// <summary>Ends the calling thread. Never returns.</summary>
    public static void ExitCurrent() => Scheduler.ExitCurrent();

    internal static KernelThread* Create(delegate*<nint, void> entry, nint argument, ulong stackSize, bool isIdle)
    {
        if (stackSize < MinimumStackSize && !isIdle)
            stackSize = MinimumStackSize;
        ulong stackPages = (stackSize + PhysicalMemory.PageSize - 1) / PhysicalMemory.PageSize;
        ulong controlBytes = ThreadLocalStorage.BlockSize + (ulong)sizeof(KernelThread);
        ulong controlPages = (controlBytes + PhysicalMemory.PageSize - 1) / PhysicalMemory.PageSize;
        ulong pages = 1 + stackPages + controlPages;
        ulong allocation = PhysicalMemory.AllocatePages(pages);
        if (allocation == 0)
            return null;
        if (!PageTables.Unmap(allocation))
        {
            PhysicalMemory.FreePages(allocation, pages);
            return null;
        }

        ulong stackHigh = allocation + (1 + stackPages) * PhysicalMemory.PageSize;
        ulong tlsBlock = stackHigh;   // page-aligned, so 64-aligned as ThreadLocalStorage requires
        ulong threadPointer = ThreadLocalStorage.InitializeBlock(tlsBlock);
        var thread = (KernelThread*)(tlsBlock + ThreadLocalStorage.BlockSize);
        thread->StackLow = allocation + PhysicalMemory.PageSize;
        thread->StackHigh = stackHigh;
        thread->TlsBlock = tlsBlock;
        thread->ThreadPointer = threadPointer;
        thread->AllocationBase = allocation;
        thread->AllocationPages = pages;
        thread->Entry = entry;
        thread->Argument = argument;
        thread->IsIdleThread = isIdle;
        thread->State = KernelThreadState.Ready;
        thread->SavedStackPointer = ContextSwitch.BuildInitialFrame(stackHigh);
        ulong saved = InterruptState.Disable();
        thread->Id = isIdle ? 0 : s_nextId++;
        InterruptState.Restore(saved);
        return thread;
    }

    /// <summary>The control block of the thread the kernel booted on (its stack and TLS already exist).</summary>
    internal static KernelThread* CreateBootThread()
    {
        ulong page = PhysicalMemory.AllocatePages(1);
        if (page == 0)
            return null;
        var thread = (KernelThread*)page;
        thread->Id = s_nextId++;
        thread->State = KernelThreadState.Running;
        thread->StackLow = LinkerSymbols.BootStackGuard() + PhysicalMemory.PageSize;
        thread->StackHigh = LinkerSymbols.BootStackTop();
        thread->ThreadPointer = ThreadLocalStorage.CurrentThreadPointer;
        thread->TlsBlock = thread->ThreadPointer - (ThreadLocalStorage.BlockSize - ThreadLocalStorage.ControlBlockSize);
        ThreadRegistry.Add(thread);
        return thread;
    }

    /// <summary>Frees an exited thread's pages; called on another thread's stack, interrupts off.</summary>
    internal static void Release(KernelThread* thread)
    {
        ulong allocation = thread->AllocationBase;
        ulong pages = thread->AllocationPages;
        if (allocation == 0)
            return;
        if (!PageTables.Remap(allocation))
            Panic.Fail("KernelThreads.Release: cannot map a stack guard page back");
        PhysicalMemory.FreePages(allocation, pages);
    }

    // Where every new thread begins (the trampoline stub calls it, interrupts still off from the
    // switch that brought it here).
    [RuntimeExport("MinnowThreadStart")]
    private static void Run()
    {
        Scheduler.FinishSwitch();
        InterruptState.Enable();
        KernelThread* self = Scheduler.Current;
        self->Entry(self->Argument);
        Scheduler.ExitCurrent();
    }
}
