using System.Runtime.InteropServices;
using Minnow.Kernel.Threading;
using Minnow.Runtime.Memory;

namespace Minnow.Runtime.Threading;

/// <summary>
/// Thread.Start on Unix: CoreLib calls SystemNative_CreateThread(stackSize, ThreadEntryPoint, handle)
/// and spins with Thread.Yield until the new thread runs. The new thread calls the entry (which runs
/// the Thread's delegate), then CoreLib's exit callback (it signals Join), then ends; the kernel frees
/// its stack and TLS once another thread runs.
/// </summary>
internal static unsafe class ThreadLauncher
{
    private struct Request
    {
        public delegate* unmanaged<nint, nint> Entry;
        public nint Parameter;
    }

    /// <summary>CoreLib's OnThreadExit (RhSetThreadExitCallback): what every runtime-started thread runs last.</summary>
    public static delegate* unmanaged<void> ExitCallback;

    /// <summary>Starts a thread running the unmanaged <paramref name="entry"/>(<paramref name="parameter"/>); false when memory ran out.</summary>
    public static bool Start(nint entry, nint parameter, nuint stackSize)
    {
        var request = (Request*)NativeHeap.Allocate((nuint)sizeof(Request));
        if (request == null)
            return false;
        request->Entry = (delegate* unmanaged<nint, nint>)entry;
        request->Parameter = parameter;
        if (KernelThreads.Start(&Run, (nint)request, stackSize) != null)
            return true;
        NativeHeap.Free(request);
        return false;
    }

    // 1 = started (the stock call reports pthread_create's success the same way).
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_CreateThread")]
    private static int CreateThread(nuint stackSize, nint entry, nint parameter) => Start(entry, parameter, stackSize) ? 1 : 0;

    private static void Run(nint argument)
    {
        var request = (Request*)argument;
        delegate* unmanaged<nint, nint> entry = request->Entry;
        nint parameter = request->Parameter;
        NativeHeap.Free(request);
        entry(parameter);
        if (ExitCallback != null)
            ExitCallback();
    }
}
