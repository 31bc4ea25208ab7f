using Minnow.Kernel.Boot;
using Minnow.Kernel.Console;

namespace Minnow.Kernel.Time;

/// <summary>
/// UTC for DateTime.UtcNow: read once at boot (the <c>time=</c> kernel option if given, else the
/// CMOS RTC) and advanced by the monotonic clock from then on, so it never jumps or goes backwards
/// while the image runs. The RTC counts whole seconds: its reading is up to a second behind the host.
/// </summary>
public static class WallClock
{
    private const long TicksPerSecond = 10_000_000;

    private static long s_anchorUnixTicks;
    private static ulong s_anchorCycles;

    public static void Initialize()
    {
        s_anchorCycles = MonotonicClock.ReadCycles();
        var option = CommandLine.Option("time"u8, out bool given);
        if (given)
        {
            if (UnixTimeOption.TryParse(option, out s_anchorUnixTicks))
                return;
            KernelLog.WriteLine("time= is not a number of seconds since 1970; using the RTC");
        }
        if (RealTimeClock.TryReadUnixSeconds(out long seconds))
        {
            s_anchorUnixTicks = seconds * TicksPerSecond;
            return;
        }
        KernelLog.WriteLine("no readable RTC: the wall clock starts at 1970-01-01 (pass time=UNIXSECONDS)");
        s_anchorUnixTicks = 0;
    }

    /// <summary>100-ns ticks since 1970-01-01 UTC.</summary>
    public static long UnixTicks => s_anchorUnixTicks + (long)(MonotonicClock.TscToNanoseconds(MonotonicClock.ReadCycles() - s_anchorCycles) / 100);
}
