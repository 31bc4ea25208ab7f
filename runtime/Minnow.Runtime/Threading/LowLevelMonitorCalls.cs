using System.Runtime.InteropServices;
using Minnow.Kernel.Cpu;
using Minnow.Kernel.Time;
using Minnow.Runtime.Memory;

namespace Minnow.Runtime.Threading;

/// <summary>
/// The class library's lowest lock (a mutex plus a condition variable). With one thread nothing can
/// contend or signal: acquire and release only track ownership, a timed wait sleeps out its timeout,
/// and an untimed wait would sleep forever, which is reported instead.
/// </summary>
internal static unsafe class LowLevelMonitorCalls
{
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LowLevelMonitor_Create")]
    private static nint Create() => (nint)NativeHeap.Allocate(16);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LowLevelMonitor_Destroy")]
    private static void Destroy(nint monitor) => NativeHeap.Free((void*)monitor);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LowLevelMonitor_Acquire")]
    private static void Acquire(nint monitor) => *(long*)monitor = 1;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LowLevelMonitor_Release")]
    private static void Release(nint monitor) => *(long*)monitor = 0;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LowLevelMonitor_Wait")]
    private static void Wait(nint monitor) =>
        RuntimeFailure.NotYetSupported("deadlock: the only thread waits on a monitor nobody can signal (threads are not implemented yet)");

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LowLevelMonitor_TimedWait")]
    private static int TimedWait(nint monitor, int milliseconds)
    {
        ulong deadline = MonotonicClock.Nanoseconds + (ulong)milliseconds * 1_000_000;
        while (MonotonicClock.Nanoseconds < deadline)
            System.Runtime.Intrinsics.X86.X86Base.Pause();
        return 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LowLevelMonitor_Signal_Release")]
    private static void SignalRelease(nint monitor) => *(long*)monitor = 0;
}
