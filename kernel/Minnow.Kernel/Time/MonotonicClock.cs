using Minnow.Kernel.Cpu;

namespace Minnow.Kernel.Time;

/// <summary>
/// Nanoseconds since boot from the TSC, calibrated once against the PIT (a fixed 1.193182 MHz
/// reference every PC and QEMU machine model has) the first time anyone asks.
/// </summary>
public static class MonotonicClock
{
    private const ulong PitHz = 1_193_182;
    private const ushort CalibrationTicks = 11_932;   // 10 ms

    private static ulong s_bootTsc;
    private static ulong s_tscHz;

    public static ulong BootTsc => s_bootTsc;

    public static void MarkBoot(ulong tsc) => s_bootTsc = tsc;

    public static ulong TscFrequency
    {
        get
        {
            if (s_tscHz == 0)
                s_tscHz = Calibrate();
            return s_tscHz;
        }
    }

    public static ulong ReadCycles() => CpuInstructions.ReadTimeStampCounter();

    public static ulong Nanoseconds => TscToNanoseconds(CpuInstructions.ReadTimeStampCounter() - s_bootTsc);

    public static ulong TscToNanoseconds(ulong cycles) => (ulong)((UInt128)cycles * 1_000_000_000UL / TscFrequency);

    private static ulong Calibrate()
    {
        // PIT channel 2, gated through port 0x61, mode 0 (interrupt on terminal count): bit 5 of 0x61
        // rises when the count reaches zero.
        var gate = new IoPort(0x61);
        gate.Write((byte)((gate.ReadByte() & 0xFD) | 0x01));
        new IoPort(0x43).Write((byte)0xB0);
        new IoPort(0x42).Write((byte)(CalibrationTicks & 0xFF));
        new IoPort(0x42).Write((byte)(CalibrationTicks >> 8));
        // Restart the count by toggling the gate.
        byte g = gate.ReadByte();
        gate.Write((byte)(g & 0xFE));
        gate.Write((byte)(g | 0x01));
        ulong start = CpuInstructions.ReadTimeStampCounter();
        ulong spins = 0;
        while ((gate.ReadByte() & 0x20) == 0 && spins++ < 100_000_000)
        {
        }
        ulong elapsed = CpuInstructions.ReadTimeStampCounter() - start;
        ulong hz = elapsed * PitHz / CalibrationTicks;
        return hz == 0 ? 1_000_000_000 : hz;
    }
}
