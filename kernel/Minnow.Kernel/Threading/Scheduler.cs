using System.Runtime.CompilerServices;
using Minnow.Kernel.Cpu;
using Minnow.Kernel.Interrupts;
using Minnow.Kernel.Time;

namespace Minnow.Kernel.Threading;

/// <summary>
/// One CPU, round-robin, preemptive. Threads run until they block, yield, exit, or their time slice
/// ends while another thread is ready: the local APIC timer then interrupts them and the handler
/// switches, so a thread that never blocks cannot starve the others. A thread whose sleep deadline
/// passes preempts the running one at once. The timer is one-shot and armed only for the next thing
/// that must happen (the earliest deadline, or the end of the current slice when others wait), so an
/// idle machine halts (sti; hlt) with no periodic tick.
///
/// Every method here runs with interrupts off, which on one CPU is the scheduler's lock; the public
/// ones that block or wake require the caller to have turned them off (<see cref="InterruptState"/>),
/// so that a primitive can test its condition and queue itself atomically.
/// </summary>
public static unsafe class Scheduler
{
    public const ulong TimeSliceNanoseconds = 10_000_000;

    private static KernelThread* s_current;
    private static KernelThread* s_idle;
    private static ThreadQueue s_ready;
    private static KernelThread* s_sleepers;     // ordered by WakeDeadline
    private static KernelThread* s_exited;       // freed by the next thread to run, once off its stack
    private static ulong s_switchedInCycles;     // TSC when the current thread got the CPU
    private static ulong s_idleCycles;
    private static ulong s_armedDeadline;        // monotonic ns the timer is set for; 0 = stopped
    private static bool s_hasTimer;
    private static int s_preemptionDeferred;     // nonzero: the timer handler must not switch threads now
    private static bool s_preemptionPending;     // it wanted to: AllowPreemption switches instead

    /// <summary>The running thread.</summary>
    public static KernelThread* Current => s_current;

    /// <summary>True when threads are preempted on a timer; false means cooperative switching only (no local APIC).</summary>
    public static bool IsPreemptive => s_hasTimer;

    /// <summary>Thread switches since boot.</summary>
    public static ulong SwitchCount { get; private set; }

    /// <summary>Timer interrupts taken since boot (one per deadline or time slice that had to be enforced).</summary>
    public static ulong TimerInterruptCount { get; private set; }

    /// <summary>Nanoseconds the CPU has spent halted in the idle thread since boot.</summary>
    public static ulong IdleNanoseconds
    {
        get
        {
            ulong saved = InterruptState.Disable();
            ulong cycles = s_idleCycles;
            if (s_current == s_idle)
                cycles += MonotonicClock.ReadCycles() - s_switchedInCycles;
            InterruptState.Restore(saved);
            return MonotonicClock.TscToNanoseconds(cycles);
        }
    }

    internal static bool Initialize(bool hasTimer)
    {
        s_current = KernelThreads.CreateBootThread();
        if (s_current == null)
            return false;
        s_idle = KernelThreads.Create(&IdleLoop, 0, KernelThreads.IdleStackSize, isIdle: true);
        if (s_idle == null)
            return false;
        s_switchedInCycles = MonotonicClock.ReadCycles();
        s_hasTimer = hasTimer && InterruptDispatcher.Register(LocalApic.TimerVector, &OnTimerInterrupt);
        return true;
    }

    /// <summary>
    /// Stops the current thread until <see cref="Wake"/> or, if <paramref name="deadlineNanoseconds"/>
    /// (monotonic) is not 0, until then. Interrupts must be off; the caller has usually queued the
    /// thread on a wait queue first. Returns with interrupts still off.
    /// </summary>
    public static WakeReason Block(ulong deadlineNanoseconds)
    {
        RequireInterruptsOff("Scheduler.Block");
        KernelThread* self = s_current;
        if (self->IsIdleThread)
            Panic.Fail("Scheduler.Block: the idle thread must never block");
        self->State = KernelThreadState.Blocked;
        self->WakeReason = WakeReason.None;
        if (deadlineNanoseconds != 0)
            InsertSleeper(self, deadlineNanoseconds);
        SwitchTo(NextToRun());
        return self->WakeReason;
    }

    /// <summary>Makes a blocked thread ready (off its wait queue and the sleep list); no effect on others. Interrupts must be off.</summary>
    public static void Wake(KernelThread* thread, WakeReason reason)
    {
        if (thread->State != KernelThreadState.Blocked)
            return;
        if (thread->Queue != null)
            thread->Queue->Remove(thread);
        if (thread->WakeDeadline != 0)
            RemoveSleeper(thread);
        thread->WakeReason = reason;
        MakeReady(thread);
        UpdateTimer();
    }

    /// <summary>
    /// Starts a section that no other thread may interleave with but that interrupts may enter, for
    /// a few instructions that must not pay for disabling interrupts (the allocator's bump, which
    /// under TCG costs more with cli/popf than the allocation itself). Interrupt handlers must not
    /// touch what the section protects; the timer handler defers a thread switch to
    /// <see cref="AllowPreemption"/>. The section must not block, and does not nest.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DeferPreemption() => Volatile.Write(ref s_preemptionDeferred, 1);

    /// <summary>Ends a <see cref="DeferPreemption"/> section, switching threads if the timer wanted to meanwhile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AllowPreemption()
    {
        Volatile.Write(ref s_preemptionDeferred, 0);
        if (Volatile.Read(ref s_preemptionPending))
            PreemptDeferred();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PreemptDeferred()
    {
        ulong saved = InterruptState.Disable();
        s_preemptionPending = false;
        if (!s_ready.IsEmpty && s_current != s_idle)
        {
            MakeReady(s_current);
            SwitchTo(NextToRun());
        }
        UpdateTimer();
        InterruptState.Restore(saved);
    }

    /// <summary>Lets every ready thread run before the current one continues; true when one did.</summary>
    public static bool Yield()
    {
        ulong saved = InterruptState.Disable();
        bool switched = !s_ready.IsEmpty;
        if (switched)
        {
            MakeReady(s_current);
            SwitchTo(NextToRun());
        }
        InterruptState.Restore(saved);
        return switched;
    }

    /// <summary>Queues a thread that has never run.</summary>
    internal static void Admit(KernelThread* thread)
    {
        ulong saved = InterruptState.Disable();
        ThreadRegistry.Add(thread);
        MakeReady(thread);
        UpdateTimer();
        InterruptState.Restore(saved);
    }

    /// <summary>Ends the current thread; the next thread to run frees its memory.</summary>
    internal static void ExitCurrent()
    {
        InterruptState.Disable();
        KernelThread* self = s_current;
        ThreadRegistry.Remove(self);
        self->State = KernelThreadState.Exited;
        s_exited = self;
        SwitchTo(NextToRun());
        Panic.Fail("Scheduler.ExitCurrent: an exited thread was resumed");
    }

    /// <summary>Runs on every thread right after it gets the CPU: frees a thread that exited on the way here.</summary>
    internal static void FinishSwitch()
    {
        KernelThread* exited = s_exited;
        if (exited != null && exited != s_current)
        {
            s_exited = null;
            KernelThreads.Release(exited);
        }
    }

    private static void OnTimerInterrupt(InterruptFrame* frame)
    {
        // Acknowledge first: the handler may switch threads, and the APIC must be ready for the
        // next timer interrupt whoever runs.
        LocalApic.EndOfInterrupt();
        TimerInterruptCount++;
        s_armedDeadline = 0;
        ulong now = MonotonicClock.Nanoseconds;
        bool woke = false;
        while (s_sleepers != null && s_sleepers->WakeDeadline <= now)
        {
            Wake(s_sleepers, WakeReason.TimedOut);
            woke = true;
        }
        if (!s_ready.IsEmpty)
        {
            if (s_current == s_idle)
                SwitchTo(NextToRun());
            else if (woke || now >= SliceEnd())
            {
                if (s_preemptionDeferred != 0)
                {
                    s_preemptionPending = true;
                }
                else
                {
                    MakeReady(s_current);
                    SwitchTo(NextToRun());
                }
            }
        }
        UpdateTimer();
    }

    // The idle thread: runs whenever no other thread is ready, and halts the CPU until an interrupt
    // (with interrupts on, sti; hlt is atomic: none can slip in between and be missed).
    private static void IdleLoop(nint unused)
    {
        while (true)
        {
            InterruptState.Disable();
            KernelThread* next = s_ready.Dequeue();
            if (next != null)
            {
                SwitchTo(next);
                continue;
            }
            if (s_hasTimer || s_sleepers == null)
            {
                UpdateTimer();
                CpuInstructions.WaitForInterrupt();
                continue;
            }
            // No timer: deadlines are polled (cooperative mode).
            ulong now = MonotonicClock.Nanoseconds;
            while (s_sleepers != null && s_sleepers->WakeDeadline <= now)
                Wake(s_sleepers, WakeReason.TimedOut);
            InterruptState.Enable();
            System.Runtime.Intrinsics.X86.X86Base.Pause();
        }
    }

    private static KernelThread* NextToRun()
    {
        KernelThread* next = s_ready.Dequeue();
        return next != null ? next : s_idle;
    }

    private static void MakeReady(KernelThread* thread)
    {
        thread->State = KernelThreadState.Ready;
        s_ready.Enqueue(thread);
    }

    private static void SwitchTo(KernelThread* next)
    {
        KernelThread* previous = s_current;
        if (next == previous)
        {
            previous->State = KernelThreadState.Running;
            return;
        }
        ulong now = MonotonicClock.ReadCycles();
        ulong ran = now - s_switchedInCycles;
        previous->CpuCycles += ran;
        if (previous == s_idle)
        {
            s_idleCycles += ran;
            previous->State = KernelThreadState.Ready;
        }
        s_switchedInCycles = now;
        SwitchCount++;
        s_current = next;
        next->State = KernelThreadState.Running;
        UpdateTimer();
        ContextSwitch.Switch(&previous->SavedStackPointer, next->SavedStackPointer, next->ThreadPointer);
        // Running as `previous` again, possibly much later.
        FinishSwitch();
    }

    private static ulong SliceEnd() =>
        MonotonicClock.TscToNanoseconds(s_switchedInCycles - MonotonicClock.BootTsc) + TimeSliceNanoseconds;

    // Arms the timer for the next moment the scheduler must act, if that changed.
    private static void UpdateTimer()
    {
        if (!s_hasTimer)
            return;
        ulong deadline = s_sleepers != null ? s_sleepers->WakeDeadline : 0;
        // While a switch is pending, the end of the deferring section switches: arming the timer
        // for a slice end that has passed would only interrupt that section again and again.
        if (!s_ready.IsEmpty && s_current != s_idle && !s_preemptionPending)
        {
            ulong sliceEnd = SliceEnd();
            if (deadline == 0 || sliceEnd < deadline)
                deadline = sliceEnd;
        }
        if (deadline == s_armedDeadline)
            return;
        s_armedDeadline = deadline;
        if (deadline == 0)
        {
            LocalApic.StopTimer();
            return;
        }
        ulong now = MonotonicClock.Nanoseconds;
        LocalApic.ArmTimer(deadline > now ? deadline - now : 1);
    }

    private static void InsertSleeper(KernelThread* thread, ulong deadline)
    {
        thread->WakeDeadline = deadline;
        fixed (KernelThread** head = &s_sleepers)
        {
            KernelThread** link = head;
            while (*link != null && (*link)->WakeDeadline <= deadline)
                link = &(*link)->SleepNext;
            thread->SleepNext = *link;
            *link = thread;
        }
    }

    private static void RemoveSleeper(KernelThread* thread)
    {
        fixed (KernelThread** head = &s_sleepers)
        {
            KernelThread** link = head;
            while (*link != null && *link != thread)
                link = &(*link)->SleepNext;
            if (*link == thread)
                *link = thread->SleepNext;
        }
        thread->SleepNext = null;
        thread->WakeDeadline = 0;
    }

    private static void RequireInterruptsOff(string caller)
    {
        if (InterruptState.AreEnabled)
            Panic.Fail(caller);
    }
}
