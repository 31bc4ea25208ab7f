namespace Minnow.Kernel.Cpu;

/// <summary>
/// Critical sections on one CPU: with interrupts off, no timer interrupt can preempt the code, so no
/// other thread can run until they are on again. Every structure that several threads share without
/// a lock of its own (the page allocator, the heaps, the scheduler's queues) is touched only inside
/// one. Sections nest: <see cref="Restore"/> turns interrupts back on only if they were on at
/// <see cref="Disable"/>.
/// </summary>
public static class InterruptState
{
    private const ulong InterruptFlag = 1 << 9;

    /// <summary>Turns interrupts off and returns the previous state for <see cref="Restore"/>.</summary>
    public static ulong Disable() => CpuInstructions.SaveFlagsAndDisableInterrupts();

    public static void Restore(ulong saved) => CpuInstructions.RestoreInterrupts(saved);

    public static void Enable() => CpuInstructions.EnableInterrupts();

    public static bool AreEnabled => (CpuInstructions.ReadFlags() & InterruptFlag) != 0;
}
