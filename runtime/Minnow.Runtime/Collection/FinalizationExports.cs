using System.Runtime;
using System.Runtime.CompilerServices;
using Minnow.Runtime.Allocation;

namespace Minnow.Runtime.Collection;

/// <summary>The runtime imports behind finalizers, GC.SuppressFinalize/ReRegisterForFinalize and GC.WaitForPendingFinalizers.</summary>
internal static unsafe class FinalizationExports
{
    [RuntimeExport("RhSuppressFinalize")]
    private static void SuppressFinalize(object obj)
    {
        nint address = AddressOf(obj);
        if (ObjectLayout.HasFinalizer(ObjectLayout.MethodTableOf((void*)address)))
            Interlocked.Or(ref *ObjectLayout.HeaderBits((void*)address), ObjectLayout.FinalizerRunBit);
    }

    // The stock rule: a suppressed object is still queued, so clearing the bit is enough; otherwise
    // register it again (calling this twice without suppressing runs the finalizer twice, as on .NET).
    [RuntimeExport("RhReRegisterForFinalize")]
    private static bool ReRegisterForFinalize(object obj)
    {
        nint address = AddressOf(obj);
        if (!ObjectLayout.HasFinalizer(ObjectLayout.MethodTableOf((void*)address)))
            return true;
        int* header = ObjectLayout.HeaderBits((void*)address);
        if ((*header & ObjectLayout.FinalizerRunBit) != 0)
        {
            Interlocked.And(ref *header, ~ObjectLayout.FinalizerRunBit);
            return true;
        }
        return FinalizationQueue.Register(address);
    }

    [RuntimeExport("RhpGetNextFinalizableObject")]
    private static nint GetNextFinalizableObject() => FinalizerRunner.NextToFinalize();

    [RuntimeExport("RhpWaitForFinalizerRequest")]
    private static int WaitForFinalizerRequest() => FinalizerThread.WaitForRequest();

    [RuntimeExport("RhpSignalFinalizationComplete")]
    private static void SignalFinalizationComplete(uint count, int observedFullGcCount) => FinalizerThread.SignalPassCompleted();

    [RuntimeExport("RhWaitForPendingFinalizers")]
    private static void WaitForPendingFinalizers(int allowReentrantWait) => FinalizerThread.WaitForPendingFinalizers();

    private static nint AddressOf(object obj) => Unsafe.As<object, nint>(ref obj);
}
