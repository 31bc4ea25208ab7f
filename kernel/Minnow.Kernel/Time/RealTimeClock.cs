using Minnow.Kernel.Cpu;

namespace Minnow.Kernel.Time;

/// <summary>
/// The CMOS real-time clock (MC146818; QEMU keeps it at host UTC by default, microvm with rtc=on).
/// It counts whole seconds in BCD or binary, 12- or 24-hour, as status register B says. A read can
/// straddle the once-a-second update, so values are taken outside the update-in-progress window and
/// accepted only when two reads in a row agree.
/// </summary>
public static class RealTimeClock
{
    private const ushort IndexPort = 0x70, DataPort = 0x71;
    private const byte Seconds = 0x00, Minutes = 0x02, Hours = 0x04, DayOfMonth = 0x07, Month = 0x08, Year = 0x09;
    private const byte StatusA = 0x0A, StatusB = 0x0B, Century = 0x32;
    private const byte UpdateInProgress = 0x80;
    private const byte BinaryMode = 0x04, TwentyFourHour = 0x02, PmBit = 0x80;
    private const int MaxAttempts = 8;
    private const int MaxUpdateWaitReads = 100_000;

    private struct Snapshot
    {
        public byte Second, Minute, Hour, Day, Month, Year, Century;

        public readonly bool SameAs(in Snapshot other) =>
            Second == other.Second && Minute == other.Minute && Hour == other.Hour && Day == other.Day &&
            Month == other.Month && Year == other.Year && Century == other.Century;
    }

    /// <summary>The clock's time in seconds since 1970 (UTC as QEMU keeps it); false when no plausible date reads back.</summary>
    public static bool TryReadUnixSeconds(out long unixSeconds)
    {
        unixSeconds = 0;
        ulong interrupts = InterruptState.Disable();   // an index write and its data read must stay together
        bool stable = false;
        Snapshot snapshot = default;
        for (int attempt = 0; attempt < MaxAttempts && !stable; attempt++)
        {
            Snapshot first = Read();
            snapshot = Read();
            stable = first.SameAs(snapshot);
        }
        byte statusB = ReadRegister(StatusB);
        InterruptState.Restore(interrupts);
        if (!stable)
            return false;
        return TryDecode(snapshot, statusB, out unixSeconds);
    }

    private static bool TryDecode(in Snapshot s, byte statusB, out long unixSeconds)
    {
        unixSeconds = 0;
        bool binary = (statusB & BinaryMode) != 0;
        bool pm = (statusB & TwentyFourHour) == 0 && (s.Hour & PmBit) != 0;
        int second = Decode(s.Second, binary);
        int minute = Decode(s.Minute, binary);
        int hour = Decode((byte)(s.Hour & ~PmBit), binary);
        int day = Decode(s.Day, binary);
        int month = Decode(s.Month, binary);
        int yearInCentury = Decode(s.Year, binary);
        int century = Decode(s.Century, binary);
        if ((statusB & TwentyFourHour) == 0)
            hour = hour % 12 + (pm ? 12 : 0);   // 12 AM is hour 0, 12 PM is hour 12
        if (century is < 19 or > 29)
            century = 20;   // no century register: assume this one
        int year = century * 100 + yearInCentury;
        if (second > 59 || minute > 59 || hour > 23 || yearInCentury > 99 || !CivilCalendar.IsValidDate(year, month, day))
            return false;
        unixSeconds = CivilCalendar.DaysSinceUnixEpoch(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
        return true;
    }

    private static int Decode(byte value, bool binary) => binary ? value : (value >> 4) * 10 + (value & 0x0F);

    private static Snapshot Read()
    {
        for (int i = 0; i < MaxUpdateWaitReads && (ReadRegister(StatusA) & UpdateInProgress) != 0; i++)
        {
        }
        return new Snapshot
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
