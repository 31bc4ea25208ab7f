namespace Minnow.Kernel.Threading;

/// <summary>Why <see cref="Scheduler.Block"/> returned.</summary>
public enum WakeReason : byte
{
    None,
    /// <summary>Another thread (or an interrupt handler) called <see cref="Scheduler.Wake"/>.</summary>
    Signaled,
    /// <summary>The deadline passed first.</summary>
    TimedOut,
}
