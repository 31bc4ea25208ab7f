namespace Minnow.Kernel.Time;

/// <summary>
/// The date and time registers of an MC146818 real-time clock as read, and their decoding: BCD or
/// binary and 12- or 24-hour as status register B says, the century from CMOS register 0x32 where
/// it holds one. Pure, so it can be checked on the host.
/// </summary>
public struct RtcReading
{
    public const byte BinaryMode = 0x04;      // status register B
    public const byte TwentyFourHour = 0x02;  // status register B
    private const byte PmBit = 0x80;          // hour register, 12-hour mode

    public byte Second, Minute, Hour, Day, Month, Year, Century;

    public readonly bool SameAs(in RtcReading other) =>
        Second == other.Second && Minute == other.Minute && Hour == other.Hour && Day == other.Day &&
        Month == other.Month && Year == other.Year && Century == other.Century;

    /// <summary>Seconds since 1970 (the clock's time zone: UTC under QEMU); false when the registers hold no valid date.</summary>
    public readonly bool TryToUnixSeconds(byte statusB, out long unixSeconds)
    {
        unixSeconds = 0;
        bool binary = (statusB & BinaryMode) != 0;
        bool twelveHour = (statusB & TwentyFourHour) == 0;
        bool pm = twelveHour && (Hour & PmBit) != 0;
        int second = Decode(Second, binary);
        int minute = Decode(Minute, binary);
        int hour = Decode((byte)(Hour & ~PmBit), binary);
        int day = Decode(Day, binary);
        int month = Decode(Month, binary);
        int yearInCentury = Decode(Year, binary);
        int century = Decode(Century, binary);
        if (twelveHour)
        {
            if (hour is < 1 or > 12)
                return false;
            hour = hour % 12 + (pm ? 12 : 0);   // 12 AM is hour 0, 12 PM is hour 12
        }
        if (century is < 19 or > 29)
            century = 20;   // no century register: assume this century
        int year = century * 100 + yearInCentury;
        if (second > 59 || minute > 59 || hour > 23 || yearInCentury > 99 || !CivilCalendar.IsValidDate(year, month, day))
            return false;
        unixSeconds = CivilCalendar.DaysSinceUnixEpoch(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
        return true;
    }

    private static int Decode(byte value, bool binary) => binary ? value : (value >> 4) * 10 + (value & 0x0F);
}
