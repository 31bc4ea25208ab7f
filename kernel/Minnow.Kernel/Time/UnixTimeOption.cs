namespace Minnow.Kernel.Time;

/// <summary>
/// The kernel option <c>time=SECONDS[.FRACTION]</c>: seconds since 1970 (UTC), e.g. the host's clock
/// passed by a harness, in place of the RTC's whole seconds.
/// </summary>
public static class UnixTimeOption
{
    private const int TicksPerSecond = 10_000_000;
    private const int FractionDigits = 7;   // 100-ns ticks

    /// <summary>Parses the option's value into 100-ns ticks since 1970; false when it is not a plain non-negative number.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long unixTicks)
    {
        unixTicks = 0;
        int i = 0;
        long seconds = 0;
        for (; i < text.Length && text[i] != '.'; i++)
        {
            if (text[i] < '0' || text[i] > '9' || seconds > long.MaxValue / TicksPerSecond / 10)
                return false;
            seconds = seconds * 10 + (text[i] - '0');
        }
        if (i == 0)
            return false;
        long fraction = 0;
        int digits = 0;
        if (i < text.Length)
        {
            for (i++; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                    return false;
                if (digits < FractionDigits)
                {
                    fraction = fraction * 10 + (text[i] - '0');
                    digits++;
                }
            }
        }
        for (; digits < FractionDigits; digits++)
            fraction *= 10;
        unixTicks = seconds * TicksPerSecond + fraction;
        return true;
    }
}
