namespace Minnow.Kernel.Threading;

/// <summary>Where a kernel thread is in its life. Only the scheduler changes it, with interrupts off.</summary>
public enum KernelThreadState : byte
{
    /// <summary>Created or woken, waiting in the ready queue for the CPU.</summary>
    Ready,
    Running,
    /// <summary>Waiting on a <see cref="ThreadQueue"/>, for a deadline, or both.</summary>
    Blocked,
    /// <summary>Finished; its memory is freed by the next thread to run.</summary>
    Exited,
}
