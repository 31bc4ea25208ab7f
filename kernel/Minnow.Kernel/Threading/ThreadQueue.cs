namespace Minnow.Kernel.Threading;

/// <summary>
/// A FIFO of threads linked through their own control blocks, so queuing never allocates: the
/// scheduler's ready queue, and every wait queue a blocking primitive keeps. A thread is on at most
/// one queue at a time. Use with interrupts off.
/// </summary>
public unsafe struct ThreadQueue
{
    public KernelThread* Head;
    public KernelThread* Tail;
    public int Count;

    public readonly bool IsEmpty => Head == null;

    public void Enqueue(KernelThread* thread)
    {
        if (thread->Queue != null)
            Panic.Fail("ThreadQueue.Enqueue: the thread is already on a queue");
        fixed (ThreadQueue* self = &this)
            thread->Queue = self;
        thread->QueueNext = null;
        thread->QueuePrevious = Tail;
        if (Tail != null)
            Tail->QueueNext = thread;
        else
            Head = thread;
        Tail = thread;
        Count++;
    }

    public KernelThread* Dequeue()
    {
        KernelThread* thread = Head;
        if (thread != null)
            Remove(thread);
        return thread;
    }

    public void Remove(KernelThread* thread)
    {
        if (thread->QueuePrevious != null)
            thread->QueuePrevious->QueueNext = thread->QueueNext;
        else
            Head = thread->QueueNext;
        if (thread->QueueNext != null)
            thread->QueueNext->QueuePrevious = thread->QueuePrevious;
        else
            Tail = thread->QueuePrevious;
        thread->Queue = null;
        thread->QueueNext = null;
        thread->QueuePrevious = null;
        Count--;
    }
}
