namespace Minnow.Kernel.Time;

/// <summary>Proleptic Gregorian dates to day counts: pure arithmetic, no tables.</summary>
public static class CivilCalendar
{
    private const int DaysPer400Years = 146_097;
    private const int DaysFromYear0MarchTo1970 = 719_468;

    /// <summary>Days from 1970-01-01 to <paramref name="year"/>-<paramref name="month"/>-<paramref name="day"/> (negative before).</summary>
    public static long DaysSinceUnixEpoch(int year, int month, int day)
    {
        // Count years from March, so the leap day is the last day of the counted year.
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yearOfEra = y - era * 400;
        int monthFromMarch = (month + 9) % 12;
        int dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return (long)era * DaysPer400Years + dayOfEra - DaysFromYear0MarchTo1970;
    }

    public static bool IsValidDate(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DaysInMonth(year, month);

    public static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    public static bool IsLeapYear(int year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}
