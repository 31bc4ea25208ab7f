using System.Text;
using Minnow.Kernel.Time;

namespace Minnow.Kernel.Tests;

public class UnixTimeOptionTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1700000000", 17_000_000_000_000_000L)]
    [InlineData("1700000000.5", 17_000_000_005_000_000L)]
    [InlineData("1700000000.123456789", 17_000_000_001_234_567L)]
    [InlineData("12.", 120_000_000L)]
    public void ParsesSecondsAndFraction(string text, long ticks)
    {
        Assert.True(UnixTimeOption.TryParse(Encoding.ASCII.GetBytes(text), out long parsed));
        Assert.Equal(ticks, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData(".5")]
    [InlineData("12a")]
    [InlineData("1.2.3")]
    [InlineData("99999999999999999999")]
    public void RejectsWhatIsNotANonNegativeNumber(string text) =>
        Assert.False(UnixTimeOption.TryParse(Encoding.ASCII.GetBytes(text), out _));
}
