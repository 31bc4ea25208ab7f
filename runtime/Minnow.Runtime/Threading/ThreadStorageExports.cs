using System.Runtime;
using Minnow.Kernel.Threading;

namespace Minnow.Runtime.Threading;

/// <summary>
/// Per-thread storage the class library asks the runtime for: the array of uninlined thread-static
/// bases (thread statics of generic types, e.g. ArrayPool&lt;T&gt;.Shared's per-thread caches) and the
/// current thread's stack bounds (RuntimeHelpers.EnsureSufficientExecutionStack).
/// </summary>
internal static unsafe class ThreadStorageExports
{
    // A [ThreadStatic] of the runtime itself: it lives in each thread's TLS block, and CoreLib's
    // inlined thread-static root for that block keeps what it references alive.
    [ThreadStatic]
    private static object[][]? t_threadStaticStorage;

    [RuntimeExport("RhGetThreadStaticStorage")]
    private static ref object[][]? GetThreadStaticStorage() => ref t_threadStaticStorage;

    [RuntimeExport("RhGetCurrentThreadStackBounds")]
    private static void GetCurrentThreadStackBounds(nint* low, nint* high)
    {
        StackBounds.Current(out ulong bottom, out ulong top);
        *low = (nint)bottom;
        *high = (nint)top;
    }
}
