using System.Runtime;
using Minnow.Kernel;
using Minnow.Kernel.Console;

namespace Minnow.Runtime.Diagnostics;

/// <summary>Version, knobs, crash information and fail-fast.</summary>
internal static unsafe class DiagnosticsExports
{
    [RuntimeExport("RhGetRuntimeVersion")]
    private static byte* GetRuntimeVersion(int* length)
    {
        *length = s_version.Length;
        fixed (byte* p = s_version)
            return p;
    }

    // "10.0.12": the runtime contract this runtime implements.
    private static ReadOnlySpan<byte> s_version => "10.0.12"u8;

    [RuntimeExport("RhGetKnobValues")]
    private static uint GetKnobValues(byte*** keys, byte*** values)
    {
        *keys = null;
        *values = null;
        return 0;
    }

    [RuntimeExport("RhGetCrashInfoBuffer")]
    private static void* GetCrashInfoBuffer(int* size)
    {
        *size = 0;
        return null;
    }

    [RuntimeExport("RhCreateCrashDumpIfEnabled")]
    private static void CreateCrashDumpIfEnabled(nint exceptionRecord, nint context)
    {
    }

    /// <summary>
    /// CoreLib's last resort, when even reporting a failure failed. The usual cause in an image: the
    /// heap is full, so the report of an unhandled OutOfMemoryException could not be allocated.
    /// </summary>
    [RuntimeExport("RhpFallbackFailFast")]
    private static void FallbackFailFast()
    {
        if (Allocation.AllocationFailure.OutOfMemoryCount > 0)
        {
            KernelLog.Write("fail-fast: out of memory: ");
            KernelLog.WriteDecimal(Allocation.AllocationFailure.OutOfMemoryCount);
            KernelLog.WriteLine(" allocation(s) failed with the heap full, and the failure could not be reported (give the VM more memory: --mem)");
        }
        else
        {
            KernelLog.WriteLine("fail-fast: the runtime gave up (a /GS cookie check, or an unrecoverable runtime state)");
        }
        Panic.Fail("RhpFallbackFailFast");
    }
}
