using System.Runtime;
using Minnow.Kernel;
using Minnow.Kernel.Threading;
using Minnow.Runtime.Startup;

namespace Minnow.Runtime.Threading;

/// <summary>Thread identity, yielding, names and per-thread roots, over the kernel's threads (one CPU).</summary>
internal static unsafe class ThreadingExports
{
    [RuntimeExport("RhCurrentOSThreadId")]
    private static ulong CurrentOsThreadId() => Scheduler.Current->Id;

    [RuntimeExport("RhGetProcessCpuCount")]
    private static int GetProcessCpuCount() => 1;

    // Thread.Yield's result: sched_yield succeeds whether or not another thread was ready, so this
    // reports success either way, as on Linux.
    [RuntimeExport("RhYield")]
    private static int Yield()
    {
        Scheduler.Yield();
        return 1;
    }

    [RuntimeExport("RhSpinWait")]
    private static void SpinWait(int iterations)
    {
        for (int i = 0; i < iterations; i++)
            System.Runtime.Intrinsics.X86.X86Base.Pause();
    }

    [RuntimeExport("RhSetThreadExitCallback")]
    private static void SetThreadExitCallback(nint callback) => ThreadLauncher.ExitCallback = (delegate* unmanaged<void>)callback;

    // The stock runtime hands out the classlib's ThreadEntryPoint: new threads start there.
    [RuntimeExport("RhGetThreadEntryPointAddress")]
    private static nint GetThreadEntryPointAddress() => CoreLibEntryPoints.ClasslibFunctions()[CoreLibEntryPoints.ThreadEntryPointIndex];

    [RuntimeExport("RhGetDefaultStackSize")]
    private static nuint GetDefaultStackSize() => (nuint)KernelThreads.DefaultStackSize;

    // Thread.Name's setter, for the calling thread only; kept (15 bytes, like Linux) for diagnostics.
    [RuntimeExport("RhSetCurrentThreadName")]
    private static void SetCurrentThreadName(byte* utf8Name)
    {
        KernelThread* thread = Scheduler.Current;
        int length = 0;
        while (utf8Name != null && utf8Name[length] != 0 && length < KernelThread.NameCapacity - 1)
        {
            thread->Name[length] = utf8Name[length];
            length++;
        }
        thread->Name[length] = 0;
    }

    // The TLS slot holding this thread's inlined thread statics: a GC root of this thread until it exits.
    [RuntimeExport("RhRegisterInlinedThreadStaticRoot")]
    private static void RegisterInlinedThreadStaticRoot(nint* root, nint typeManager)
    {
        KernelThread* thread = Scheduler.Current;
        if (thread->ThreadStaticRootCount == KernelThread.MaxThreadStaticRoots)
            Panic.Fail("RhRegisterInlinedThreadStaticRoot: more modules with thread statics than a thread has root slots for");
        thread->ThreadStaticRoots[thread->ThreadStaticRootCount++] = (ulong)root;
    }
}
