using Minnow.Kernel.Time;

namespace Minnow.Kernel.Tests;

public class RtcReadingTests
{
    private static long Unix(int year, int month, int day, int hour, int minute, int second) =>
        (long)(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds;

    [Fact]
    public void DecodesBcdTwentyFourHour()
    {
        var reading = new RtcReading { Second = 0x59, Minute = 0x34, Hour = 0x23, Day = 0x31, Month = 0x12, Year = 0x25, Century = 0x20 };
        Assert.True(reading.TryToUnixSeconds(RtcReading.TwentyFourHour, out long seconds));
        Assert.Equal(Unix(2025, 12, 31, 23, 34, 59), seconds);
    }

    [Fact]
    public void DecodesBinary()
    {
        var reading = new RtcReading { Second = 7, Minute = 8, Hour = 9, Day = 29, Month = 2, Year = 24, Century = 20 };
        Assert.True(reading.TryToUnixSeconds(RtcReading.BinaryMode | RtcReading.TwentyFourHour, out long seconds));
        Assert.Equal(Unix(2024, 2, 29, 9, 8, 7), seconds);
    }

    [Theory]
    [InlineData(0x12, 0)]          // 12 AM
    [InlineData(0x01, 1)]
    [InlineData(0x12 | 0x80, 12)]  // 12 PM
    [InlineData(0x11 | 0x80, 23)]
    public void DecodesTwelveHourClock(byte hour, int expectedHour)
    {
        var reading = new RtcReading { Second = 0, Minute = 0, Hour = hour, Day = 1, Month = 1, Year = 0x30, Century = 0x20 };
        Assert.True(reading.TryToUnixSeconds(0, out long seconds));
        Assert.Equal(Unix(2030, 1, 1, expectedHour, 0, 0), seconds);
    }

    [Fact]
    public void AssumesThisCenturyWithoutACenturyRegister()
    {
        var reading = new RtcReading { Second = 0, Minute = 0, Hour = 0, Day = 1, Month = 6, Year = 0x27, Century = 0xFF };
        Assert.True(reading.TryToUnixSeconds(RtcReading.TwentyFourHour, out long seconds));
        Assert.Equal(Unix(2027, 6, 1, 0, 0, 0), seconds);
    }

    [Fact]
    public void RejectsAnAbsentClock()
    {
        var reading = new RtcReading { Second = 0xFF, Minute = 0xFF, Hour = 0xFF, Day = 0xFF, Month = 0xFF, Year = 0xFF, Century = 0xFF };
        Assert.False(reading.TryToUnixSeconds(0xFF, out _));
    }

    [Fact]
    public void ComparesReadings()
    {
        var a = new RtcReading { Second = 1, Minute = 2 };
        var b = a;
        Assert.True(a.SameAs(b));
        b.Second = 2;
        Assert.False(a.SameAs(b));
    }
}
