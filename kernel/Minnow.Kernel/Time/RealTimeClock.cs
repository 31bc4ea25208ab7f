using Minnow.Kernel.Cpu;

namespace Minnow.Kernel.Time;

/// <summary>
/// The CMOS real-time clock (MC146818; QEMU keeps it at host UTC by default, microvm with rtc=on).
/// A read can straddle the once-a-second update, so registers are read outside the
/// update-in-progress window and accepted only when two reads in a row agree.
/// </summary>
public static class RealTimeClock
{
    private const ushort IndexPort = 0x70, DataPort = 0x71;
    private const byte Seconds = 0x00, Minutes = 0x02, Hours = 0x04, DayOfMonth = 0x07, Month = 0x08, Year = 0x09;
    private const byte StatusA = 0x0A, StatusB = 0x0B, Century = 0x32;
    private const byte UpdateInProgress = 0x80;
    private const int MaxAttempts = 8;
    private const int MaxUpdateWaitReads = 100_000;

    /// <summary>The clock's time in seconds since 1970; false when no stable, valid date reads back.</summary>
    public static bool TryReadUnixSeconds(out long unixSeconds)
    {
        ulong interrupts = InterruptState.Disable();   // an index write and its data read must stay together
        bool stable = false;
        RtcReading reading = default;
        for (int attempt = 0; attempt < MaxAttempts && !stable; attempt++)
        {
            RtcReading first = Read();
            reading = Read();
            stable = first.SameAs(reading);
        }
        byte statusB = ReadRegister(StatusB);
        InterruptState.Restore(interrupts);
        unixSeconds = 0;
        return stable && reading.TryToUnixSeconds(statusB, out unixSeconds);
    }

    private static RtcReading Read()
    {
        for (int i = 0; i < MaxUpdateWaitReads && (ReadRegister(StatusA) & UpdateInProgress) != 0; i++)
        {
        }
        return new RtcReading
        {
            Second = ReadRegister(Seconds),
            Minute = ReadRegister(Minutes),
            Hour = ReadRegister(Hours),
            Day = ReadRegister(DayOfMonth),
            Month = ReadRegister(Month),
            Year = ReadRegister(Year),
            Century = ReadRegister(Century),
        };
    }

    private static byte ReadRegister(byte register)
    {
        new IoPort(IndexPort).Write(register);
        return new IoPort(DataPort).ReadByte();
    }
}
