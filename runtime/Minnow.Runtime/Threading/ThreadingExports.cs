using System.Runtime;

namespace Minnow.Runtime.Threading;

/// <summary>Thread identity and CPU facts. One CPU and one thread until the scheduler lands.</summary>
internal static unsafe class ThreadingExports
{
    private static nint s_threadExitCallback;
    private static nint* s_inlinedThreadStaticRoot;

    [RuntimeExport("RhCurrentOSThreadId")]
    private static ulong CurrentOsThreadId() => 1;

    [RuntimeExport("RhGetProcessCpuCount")]
    private static int GetProcessCpuCount() => 1;

    // No other thread can run, so yielding never switches.
    [RuntimeExport("RhYield")]
    private static bool Yield() => false;

    [RuntimeExport("RhSpinWait")]
    private static void SpinWait(int iterations)
    {
        for (int i = 0; i < iterations; i++)
            System.Runtime.Intrinsics.X86.X86Base.Pause();
    }

    [RuntimeExport("RhSetThreadExitCallback")]
    private static void SetThreadExitCallback(nint callback) => s_threadExitCallback = callback;

    /// <summary>The boot thread's TLS slot for its inlined thread statics (a root the collector reports).</summary>
    public static nint* InlinedThreadStaticRoot => s_inlinedThreadStaticRoot;

    // The TLS slot that holds this thread's inlined thread statics: a GC root (see Collection/ThreadRoots.cs).
    [RuntimeExport("RhRegisterInlinedThreadStaticRoot")]
    private static void RegisterInlinedThreadStaticRoot(nint* root, nint typeManager) => s_inlinedThreadStaticRoot = root;
}
