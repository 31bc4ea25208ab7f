using System.Runtime.InteropServices;
using Minnow.Kernel.Threading;
using Minnow.Kernel.Time;

namespace Minnow.Runtime.Platform;

/// <summary>
/// Clocks: Stopwatch (nanoseconds; Stopwatch.Frequency is 10^9 on Unix), Environment.TickCount64
/// (milliseconds), both from the monotonic clock; DateTime.UtcNow (100-ns ticks since 1970) from the
/// wall clock; and the CPU utilisation the thread pool's gate thread samples.
/// </summary>
internal static unsafe class TimeCalls
{
    [StructLayout(LayoutKind.Sequential)]
    private struct ProcessCpuInformation
    {
        public ulong LastRecordedCurrentTime;   // nanoseconds
        public ulong LastRecordedKernelTime;
        public ulong LastRecordedUserTime;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetTimestamp")]
    private static long GetTimestamp() => (long)MonotonicClock.Nanoseconds;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetLowResolutionTimestamp")]
    private static long GetLowResolutionTimestamp() => (long)(MonotonicClock.Nanoseconds / 1_000_000);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetSystemTimeAsTicks")]
    private static long GetSystemTimeAsTicks() => WallClock.UnixTicks;

    // Percent of one CPU busy since the previous sample, which the caller keeps: the process's CPU time
    // is all the time the CPU did not spend halted in the idle thread (all of it counted as user time).
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetCpuUtilization")]
    private static double GetCpuUtilization(ProcessCpuInformation* previous)
    {
        ulong now = MonotonicClock.Nanoseconds;
        ulong busy = now - Scheduler.IdleNanoseconds;
        ulong elapsed = now > previous->LastRecordedCurrentTime ? now - previous->LastRecordedCurrentTime : 0;
        ulong busyBefore = previous->LastRecordedUserTime + previous->LastRecordedKernelTime;
        ulong busyDelta = busy > busyBefore ? busy - busyBefore : 0;
        previous->LastRecordedCurrentTime = now;
        previous->LastRecordedKernelTime = 0;
        previous->LastRecordedUserTime = busy;
        return elapsed == 0 ? 0 : busyDelta * 100.0 / elapsed;
    }
}
