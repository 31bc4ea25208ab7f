using System.Runtime.InteropServices;

namespace Minnow.Kernel.Threading;

/// <summary>
/// A thread's control block: what the scheduler needs to stop and resume it, the memory it owns,
/// and the per-thread words the runtime keeps here (errno, the exception-dispatch chain, thread-static
/// roots). It lives in unmanaged memory beside the thread's TLS block, never on the GC heap; fields
/// change only with interrupts off. <see cref="ThreadRegistry"/> lists every live one for the collector.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct KernelThread
{
    public const int MaxThreadStaticRoots = 4;
    public const int NameCapacity = 16;
    public const int ExceptionStateWords = 4;

    /// <summary>
    /// The stack pointer while the thread is not running: it points at the callee-saved registers the
    /// switch stub pushed (<see cref="ContextSwitch.SavedRegistersSize"/> bytes, return address included).
    /// Meaningless for the running thread.
    /// </summary>
    public ulong SavedStackPointer;

    /// <summary>Unique, never reused; the boot thread is 1. What RhCurrentOSThreadId reports.</summary>
    public ulong Id;
    public KernelThreadState State;
    public WakeReason WakeReason;
    public bool IsIdleThread;

    // The ready queue or the wait queue the thread is on, and its links in it.
    public ThreadQueue* Queue;
    public KernelThread* QueueNext;
    public KernelThread* QueuePrevious;

    // The sleep list, ordered by deadline (monotonic nanoseconds; 0 = not on it).
    public ulong WakeDeadline;
    public KernelThread* SleepNext;

    public KernelThread* RegistryNext;
    public KernelThread* RegistryPrevious;

    /// <summary>Lowest usable stack address (the guard page lies just below) and the top (exclusive).</summary>
    public ulong StackLow;
    public ulong StackHigh;

    /// <summary>The FS base: ELF TLS lies just below it (<see cref="ThreadLocalStorage"/>).</summary>
    public ulong ThreadPointer;
    public ulong TlsBlock;

    /// <summary>The pages this thread owns (guard, stack, TLS, this block); 0 for the boot thread.</summary>
    public ulong AllocationBase;
    public ulong AllocationPages;

    public delegate*<nint, void> Entry;
    public nint Argument;

    /// <summary>TSC cycles this thread has been on the CPU, up to its last switch out.</summary>
    public ulong CpuCycles;

    // ---- Kept for the runtime; the kernel only stores them. ----

    /// <summary>errno of the SystemNative_* calls (Linux numbers).</summary>
    public int Errno;

    /// <summary>
    /// Exception dispatch's per-thread state (the runtime's ExceptionThreadState: the ExInfo chain head
    /// and its flags), opaque to the kernel; zeroed when the thread is created.
    /// </summary>
    public fixed ulong ExceptionState[ExceptionStateWords];

    /// <summary>TLS addresses of the thread's inlined thread-static bases (RhRegisterInlinedThreadStaticRoot): GC roots.</summary>
    public fixed ulong ThreadStaticRoots[MaxThreadStaticRoots];
    public int ThreadStaticRootCount;

    /// <summary>Head of the thread's GC frame registrations (RhRegisterForGCReporting): more GC roots.</summary>
    public nint GcFrameRegistrations;

    /// <summary>UTF-8, NUL-terminated, truncated like Linux's 15-byte thread names.</summary>
    public fixed byte Name[NameCapacity];
}
