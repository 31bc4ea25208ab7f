using Minnow.Kernel.Time;

namespace Minnow.Kernel.Tests;

public class CivilCalendarTests
{
    [Theory]
    [InlineData(1970, 1, 1)]
    [InlineData(1969, 12, 31)]
    [InlineData(2000, 2, 29)]
    [InlineData(2024, 3, 1)]
    [InlineData(2100, 2, 28)]
    [InlineData(1600, 1, 1)]
    [InlineData(2399, 12, 31)]
    public void DaysMatchDateTime(int year, int month, int day)
    {
        long expected = (long)(new DateTime(year, month, day) - DateTime.UnixEpoch).TotalDays;
        Assert.Equal(expected, CivilCalendar.DaysSinceUnixEpoch(year, month, day));
    }

    [Fact]
    public void EveryDayOfFourCenturiesIsOneMoreThanTheLast()
    {
        var date = new DateTime(1900, 1, 1);
        long previous = CivilCalendar.DaysSinceUnixEpoch(1900, 1, 1);
        while (date.Year < 2300)
        {
            date = date.AddDays(1);
            long days = CivilCalendar.DaysSinceUnixEpoch(date.Year, date.Month, date.Day);
            Assert.Equal(previous + 1, days);
            previous = days;
        }
    }

    [Theory]
    [InlineData(2024, 2, 29, true)]
    [InlineData(2023, 2, 29, false)]
    [InlineData(1900, 2, 29, false)]
    [InlineData(2000, 2, 29, true)]
    [InlineData(2024, 4, 31, false)]
    [InlineData(2024, 13, 1, false)]
    [InlineData(2024, 1, 0, false)]
    public void ValidatesDates(int year, int month, int day, bool valid) =>
        Assert.Equal(valid, CivilCalendar.IsValidDate(year, month, day));
}
