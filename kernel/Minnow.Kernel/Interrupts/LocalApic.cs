using System.Threading;
using Minnow.Kernel.Cpu;
using Minnow.Kernel.Time;

namespace Minnow.Kernel.Interrupts;

/// <summary>
/// The CPU's local APIC (xAPIC, memory-mapped; QEMU 7.2's TCG has no x2APIC), used for its one-shot
/// timer: the scheduler arms it for the next deadline only, so an idle machine takes no interrupts at
/// all. The timer counts at the APIC bus clock divided by 16, whose rate no register gives: it is
/// measured once against the calibrated TSC. LINT0 (where firmware wires the 8259s in "virtual wire"
/// mode) is masked, so only the APIC's own interrupts reach the CPU.
/// </summary>
public static unsafe class LocalApic
{
    public const byte TimerVector = 32;
    public const byte SpuriousVector = 47;   // low nibble all ones, as older APICs require

    private const uint BaseMsr = 0x1B;
    private const ulong GlobalEnable = 1 << 11;
    private const ulong BaseMask = 0x000F_FFFF_FFFF_F000;

    private const int TaskPriority = 0x80, EndOfInterruptRegister = 0xB0, SpuriousVectorRegister = 0xF0;
    private const int LvtTimer = 0x320, LvtLint0 = 0x350, LvtError = 0x370;
    private const int InitialCount = 0x380, CurrentCount = 0x390, DivideConfiguration = 0x3E0;
    private const uint Masked = 1 << 16;
    private const uint SoftwareEnable = 1 << 8;
    private const uint DivideBy16 = 0b0011;
    private const ulong CalibrationNanoseconds = 1_000_000;

    private static byte* s_registers;
    private static ulong s_ticksPerNanosecond;   // 32.32 fixed point
    private static bool s_timerUnmasked;

    public static bool IsAvailable => s_registers != null;

    /// <summary>Timer ticks per second (bus clock / 16), once measured; 0 before.</summary>
    public static ulong TimerFrequency { get; private set; }

    public static bool Initialize()
    {
        if (!CpuFeatures.HasLocalApic)
            return false;
        ulong baseMsr = CpuInstructions.ReadMsr(BaseMsr);
        if ((baseMsr & GlobalEnable) == 0)
            CpuInstructions.WriteMsr(BaseMsr, baseMsr | GlobalEnable);
        // Below 4 GiB, which the kernel's page tables identity-map.
        s_registers = (byte*)(baseMsr & BaseMask);
        Write(TaskPriority, 0);
        Write(LvtLint0, Masked);
        Write(LvtError, Masked);
        Write(DivideConfiguration, DivideBy16);
        Write(LvtTimer, Masked | TimerVector);
        Write(InitialCount, 0);
        Write(SpuriousVectorRegister, SoftwareEnable | SpuriousVector);
        return true;
    }

    public static void EndOfInterrupt() => Write(EndOfInterruptRegister, 0);

    /// <summary>Fires <see cref="TimerVector"/> once, about <paramref name="nanoseconds"/> from now (at most ~68 s at a 1 GHz bus; the caller re-arms).</summary>
    public static void ArmTimer(ulong nanoseconds)
    {
        if (TimerFrequency == 0)
            CalibrateTimer();
        ulong high = Math.BigMul(nanoseconds, s_ticksPerNanosecond, out ulong low);
        ulong ticks = (high << 32) | (low >> 32);
        if (high >> 32 != 0 || ticks > uint.MaxValue)
            ticks = uint.MaxValue;
        if (ticks == 0)
            ticks = 1;
        if (!s_timerUnmasked)
        {
            Write(LvtTimer, TimerVector);   // one-shot mode, unmasked
            s_timerUnmasked = true;
        }
        Write(InitialCount, (uint)ticks);
    }

    public static void StopTimer() => Write(InitialCount, 0);

    // A masked count-down over a millisecond of TSC time. Interrupts are off (the scheduler arms the
    // timer only from inside its critical sections), so nothing stretches the window.
    private static void CalibrateTimer()
    {
        ulong tscHz = MonotonicClock.TscFrequency;
        Write(LvtTimer, Masked | TimerVector);
        s_timerUnmasked = false;
        Write(InitialCount, uint.MaxValue);
        ulong window = tscHz * CalibrationNanoseconds / 1_000_000_000;
        ulong start = MonotonicClock.ReadCycles();
        uint first = Read(CurrentCount);
        ulong elapsed;
        do
            elapsed = MonotonicClock.ReadCycles() - start;
        while (elapsed < window);
        uint last = Read(CurrentCount);
        Write(InitialCount, 0);

        ulong ticks = first - last;
        ulong hz = elapsed == 0 || ticks == 0 ? 1_000_000_000 / 16 : (ulong)((UInt128)ticks * tscHz / elapsed);
        s_ticksPerNanosecond = (ulong)(((UInt128)hz << 32) / 1_000_000_000UL);
        if (s_ticksPerNanosecond == 0)
            s_ticksPerNanosecond = 1;
        TimerFrequency = hz;
    }

    private static uint Read(int register) => Volatile.Read(ref *(uint*)(s_registers + register));

    private static void Write(int register, uint value) => Volatile.Write(ref *(uint*)(s_registers + register), value);
}
