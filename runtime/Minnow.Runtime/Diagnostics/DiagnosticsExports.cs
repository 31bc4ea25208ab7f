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

    [RuntimeExport("RhpFallbackFailFast")]
    private static void FallbackFailFast()
    {
        KernelLog.WriteLine("fail-fast: the runtime gave up (a /GS cookie check, or an unrecoverable runtime state)");
        Panic.Fail("RhpFallbackFailFast");
    }
}
