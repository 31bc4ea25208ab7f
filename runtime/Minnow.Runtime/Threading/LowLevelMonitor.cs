using Minnow.Kernel;
using Minnow.Kernel.Cpu;
using Minnow.Kernel.Threading;
using Minnow.Kernel.Time;

namespace Minnow.Runtime.Threading;

/// <summary>
/// The class library's lowest lock: a non-recursive mutex with one condition variable, on which its
/// wait subsystem (Sleep, Join, events, contended locks, the thread pool, timers) builds everything.
/// Ownership passes straight to the first queued thread on release, so waiters are served in order.
/// Every operation runs with interrupts off, the scheduler's lock on one CPU: testing the state and
/// queuing the thread happen as one step, so no wakeup is lost between them.
/// </summary>
internal unsafe struct LowLevelMonitor
{
    private KernelThread* _owner;
    private ThreadQueue _entrants;   // waiting to acquire
    private ThreadQueue _waiters;    // waiting for a signal

    public bool IsIdle => _owner == null && _entrants.IsEmpty && _waiters.IsEmpty;

    public void Acquire()
    {
        ulong interrupts = InterruptState.Disable();
        AcquireExclusive();
        InterruptState.Restore(interrupts);
    }

    public void Release()
    {
        ulong interrupts = InterruptState.Disable();
        ReleaseExclusive();
        InterruptState.Restore(interrupts);
    }

    /// <summary>Releases, waits for a signal, re-acquires.</summary>
    public void Wait()
    {
        ulong interrupts = InterruptState.Disable();
        ReleaseExclusive();
        _waiters.Enqueue(Scheduler.Current);
        Scheduler.Block(0);
        AcquireExclusive();
        InterruptState.Restore(interrupts);
    }

    /// <summary>Like <see cref="Wait"/>, for at most <paramref name="milliseconds"/>; false when the time ran out first.</summary>
    public bool TimedWait(int milliseconds)
    {
        ulong interrupts = InterruptState.Disable();
        ReleaseExclusive();
        bool signaled = false;
        if (milliseconds > 0)
        {
            ulong deadline = MonotonicClock.Nanoseconds + (ulong)milliseconds * 1_000_000;
            _waiters.Enqueue(Scheduler.Current);
            signaled = Scheduler.Block(deadline) == WakeReason.Signaled;
        }
        AcquireExclusive();
        InterruptState.Restore(interrupts);
        return signaled;
    }

    /// <summary>Wakes one waiter, then releases (the waiter still needs the lock to return).</summary>
    public void SignalAndRelease()
    {
        ulong interrupts = InterruptState.Disable();
        KernelThread* waiter = _waiters.Head;
        if (waiter != null)
            Scheduler.Wake(waiter, WakeReason.Signaled);
        ReleaseExclusive();
        InterruptState.Restore(interrupts);
    }

    private void AcquireExclusive()
    {
        KernelThread* self = Scheduler.Current;
        if (_owner == self)
            Panic.Fail("LowLevelMonitor: acquired twice by the same thread (it is not recursive)");
        if (_owner == null)
        {
            _owner = self;
            return;
        }
        _entrants.Enqueue(self);
        Scheduler.Block(0);
        if (_owner != self)
            Panic.Fail("LowLevelMonitor: woken without being handed the lock");
    }

    private void ReleaseExclusive()
    {
        if (_owner != Scheduler.Current)
            Panic.Fail("LowLevelMonitor: released by a thread that does not own it");
        KernelThread* next = _entrants.Head;
        _owner = next;
        if (next != null)
            Scheduler.Wake(next, WakeReason.Signaled);
    }
}
