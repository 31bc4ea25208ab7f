using Minnow.Kernel.Cpu;

namespace Minnow.Kernel.Time;

/// <summary>
/// Nanoseconds since boot from the TSC. Its frequency comes from kvmclock where KVM offers it (the
/// host's exact figure), otherwise from a 10 ms calibration against the PIT (a fixed 1.193182 MHz
/// reference every PC and QEMU machine model has), the first time anyone asks.
/// </summary>
public static class MonotonicClock
{
    private const ulong PitHz = 1_193_182;
    private const ushort CalibrationTicks = 11_932;   // 10 ms

    private static ulong s_bootTsc;
    private static ulong s_tscHz;
    private static ulong s_nanosecondsPerCycle;

    /// <summary>Where the TSC frequency came from: "kvmclock" or "pit" (or null before the first use).</summary>
    public static string? FrequencySource { get; private set; }   // 32.32 fixed point: conversions are a multiply, not a 128-bit division

    public static ulong BootTsc => s_bootTsc;

    public static void MarkBoot(ulong tsc) => s_bootTsc = tsc;

    public static ulong TscFrequency
    {
        get
        {
            if (s_tscHz == 0)
                CalibrateOnce();
            return s_tscHz;
        }
    }

    public static ulong ReadCycles() => CpuInstructions.ReadTimeStampCounter();

    public static ulong Nanoseconds => TscToNanoseconds(CpuInstructions.ReadTimeStampCounter() - s_bootTsc);

    public static ulong TscToNanoseconds(ulong cycles)
    {
        if (s_tscHz == 0)
            CalibrateOnce();
        ulong high = Math.BigMul(cycles, s_nanosecondsPerCycle, out ulong low);
        return (high << 32) | (low >> 32);
    }

    // Interrupts stay off while the PIT is watched: a timer interrupt or a thread switch inside the
    // window would stretch it, and two threads must not calibrate at once.
    private static void CalibrateOnce()
    {
        ulong interrupts = InterruptState.Disable();
        if (s_tscHz == 0)
        {
            ulong hz = KvmClock.ReadTscFrequency();
            FrequencySource = "kvmclock";
            if (hz == 0)
            {
                hz = Calibrate();
                FrequencySource = "pit";
            }
            s_nanosecondsPerCycle = (ulong)(((UInt128)1_000_000_000UL << 32) / hz);
            s_tscHz = hz;
        }
        InterruptState.Restore(interrupts);
    }

    private static ulong Calibrate()
    {
        // PIT channel 0 as a free-running down-counter (mode 2, reload 65536), read by latching.
        // The 8259s are masked (Interrupts/LegacyPic.cs), so its IRQ 0 goes nowhere. Works on every machine
        // type with a PIT, microvm included (which lacks the port 0x61 gate of a PC).
        var command = new IoPort(0x43);
        var channel0 = new IoPort(0x40);
        command.Write((byte)0x34);
        channel0.Write((byte)0);
        channel0.Write((byte)0);
        ushort previous = ReadPitCounter(command, channel0);
        ulong start = CpuInstructions.ReadTimeStampCounter();
        ulong ticks = 0;
        for (ulong spins = 0; ticks < CalibrationTicks && spins < 50_000_000; spins++)
        {
            ushort now = ReadPitCounter(command, channel0);
            ticks += (ushort)(previous - now);   // counts down, wrapping at 65536
            previous = now;
        }
        ulong elapsed = CpuInstructions.ReadTimeStampCounter() - start;
        if (ticks == 0)
            return 1_000_000_000;   // no PIT: nanoseconds will be TSC cycles (documented in README)
        return elapsed * PitHz / ticks;
    }

    private static ushort ReadPitCounter(IoPort command, IoPort channel0)
    {
        command.Write((byte)0x00);   // latch channel 0
        byte low = channel0.ReadByte();
        byte high = channel0.ReadByte();
        return (ushort)(low | (high << 8));
    }
}
