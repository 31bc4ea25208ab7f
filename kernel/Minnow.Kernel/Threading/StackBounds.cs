namespace Minnow.Kernel.Threading;

/// <summary>The usable stack range of the running thread: lowest address (above its guard page) and top.</summary>
public static unsafe class StackBounds
{
    public static void Current(out ulong bottom, out ulong top)
    {
        KernelThread* thread = Scheduler.Current;
        bottom = thread->StackLow;
        top = thread->StackHigh;
    }
}
