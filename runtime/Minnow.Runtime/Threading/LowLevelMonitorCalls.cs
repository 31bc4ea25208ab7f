using System.Runtime.InteropServices;
using Minnow.Kernel;
using Minnow.Runtime.Memory;

namespace Minnow.Runtime.Threading;

/// <summary>SystemNative_LowLevelMonitor_*: opaque handles to <see cref="LowLevelMonitor"/>s in native memory.</summary>
internal static unsafe class LowLevelMonitorCalls
{
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LowLevelMonitor_Create")]
    private static nint Create() => (nint)NativeHeap.Allocate((nuint)sizeof(LowLevelMonitor));   // zeroed: unowned, no waiters

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LowLevelMonitor_Destroy")]
    private static void Destroy(nint monitor)
    {
        if (!((LowLevelMonitor*)monitor)->IsIdle)
            Panic.Fail("LowLevelMonitor_Destroy: the monitor is still owned or waited on");
        NativeHeap.Free((void*)monitor);
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LowLevelMonitor_Acquire")]
    private static void Acquire(nint monitor) => ((LowLevelMonitor*)monitor)->Acquire();

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LowLevelMonitor_Release")]
    private static void Release(nint monitor) => ((LowLevelMonitor*)monitor)->Release();

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LowLevelMonitor_Wait")]
    private static void Wait(nint monitor) => ((LowLevelMonitor*)monitor)->Wait();

    // 1 = signaled (or woken for another reason: callers re-check), 0 = timed out.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LowLevelMonitor_TimedWait")]
    private static int TimedWait(nint monitor, int milliseconds) => ((LowLevelMonitor*)monitor)->TimedWait(milliseconds) ? 1 : 0;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LowLevelMonitor_Signal_Release")]
    private static void SignalRelease(nint monitor) => ((LowLevelMonitor*)monitor)->SignalAndRelease();
}
