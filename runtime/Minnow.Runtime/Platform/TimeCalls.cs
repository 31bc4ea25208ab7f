using System.Runtime.InteropServices;
using Minnow.Kernel.Time;

namespace Minnow.Runtime.Platform;

/// <summary>Clocks for Stopwatch (nanoseconds; Stopwatch.Frequency is 10^9 on Unix) and Environment.TickCount64.</summary>
internal static class TimeCalls
{
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetTimestamp")]
    private static long GetTimestamp() => (long)MonotonicClock.Nanoseconds;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetLowResolutionTimestamp")]
    private static long GetLowResolutionTimestamp() => (long)(MonotonicClock.Nanoseconds / 1_000_000);
}
