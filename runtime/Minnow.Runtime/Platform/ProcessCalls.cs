using System.Runtime.InteropServices;
using Minnow.Kernel.Console;
using Minnow.Kernel.Cpu;
using Minnow.Kernel.Power;
using Minnow.Kernel.Time;
using Minnow.Runtime.Allocation;
using Minnow.Runtime.Collection;
using Minnow.Runtime.Memory;

namespace Minnow.Runtime.Platform;

/// <summary>Environment, identity, randomness and process exit, as an image has them.</summary>
internal static unsafe class ProcessCalls
{
    private static ulong s_randomState;

    // The environment is what the kernel command line gives as env.NAME=VALUE (minnow run --env);
    // by default there is none (which also keeps Console on UTF-8).
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetEnv")]
    private static byte* GetEnv(byte* name) =>
        name == null ? null : Minnow.Kernel.Boot.CommandLine.EnvironmentVariable(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name));

    // Environment.GetEnvironmentVariables (and the first SetEnvironmentVariable, which copies the
    // environment into the program's own table): a null-terminated array of NAME=VALUE strings.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetEnviron")]
    private static byte** GetEnviron()
    {
        int count = 0;
        while (Minnow.Kernel.Boot.CommandLine.EnvironmentEntry(count) != null)
            count++;
        var environ = (byte**)NativeHeap.AllocateZeroed((nuint)(count + 1), (nuint)sizeof(byte*));
        if (environ == null)
            return null;
        for (int i = 0; i < count; i++)
            environ[i] = Minnow.Kernel.Boot.CommandLine.EnvironmentEntry(i);
        return environ;
    }

    // The strings belong to the kernel command line; only the array is the caller's.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_FreeEnviron")]
    private static void FreeEnviron(byte** environ) => NativeHeap.Free(environ);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetCwd")]
    private static byte* GetCwd(byte* buffer, int size)
    {
        if (size < 2)
        {
            Errno.Current = Errno.ERANGE;
            return null;
        }
        buffer[0] = (byte)'/';
        buffer[1] = 0;
        return buffer;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetEUid")]
    private static uint GetEUid() => 0;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetEGid")]
    private static uint GetEGid() => 0;

    /// <summary>The program runs as root with no supplementary groups.</summary>
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetGroups")]
    private static int GetGroups(int count, uint* groups) => 0;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetPwUidR")]
    private static int GetPwUidR(uint uid, void* passwd, byte* buffer, int length) => Errno.ENOENT;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SchedGetCpu")]
    private static int SchedGetCpu() => 0;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetErrNo")]
    private static int GetErrNo() => Errno.Current;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SetErrNo")]
    private static void SetErrNo(int value) => Errno.Current = value;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_ConvertErrorPlatformToPal")]
    private static int ConvertErrorPlatformToPal(int platform) => Errno.ToPal(platform);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_ConvertErrorPalToPlatform")]
    private static int ConvertErrorPalToPlatform(int pal) => Errno.FromPal(pal);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_StrErrorR")]
    private static byte* StrErrorR(int platform, byte* buffer, int size)
    {
        string message = Errno.Message(platform);
        int n = 0;
        for (; n < message.Length && n < size - 1; n++)
            buffer[n] = (byte)message[n];
        if (size > 0)
            buffer[n] = 0;
        return buffer;
    }

    // There is no entropy source yet (RDRAND, virtio-rng): fail, so Guid.NewGuid and
    // RandomNumberGenerator throw instead of handing out guessable bytes.
    /// <summary>
    /// RDRAND, the CPU's own generator (QEMU passes the host's through under KVM and emulates it
    /// under TCG); -1 (CoreLib then throws CryptographicException) on a CPU without it or when it
    /// stays empty through ten retries per word, as Intel's guidance allows for.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetCryptographicallySecureRandomBytes")]
    private static int GetCryptographicallySecureRandomBytes(byte* buffer, int length)
    {
        if (length < 0)
            return -1;
        for (int offset = 0; offset < length; offset += 8)
        {
            if (!Kernel.Cpu.HardwareRandom.TryRead(out ulong word))
                return -1;
            for (int i = 0; i < 8 && offset + i < length; i++)
                buffer[offset + i] = (byte)(word >> (8 * i));
        }
        return 0;
    }

    // Not for cryptography: a xorshift generator seeded from the TSC.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetNonCryptographicallySecureRandomBytes")]
    private static void GetNonCryptographicallySecureRandomBytes(byte* buffer, int length)
    {
        // The generator state is shared by every thread.
        ulong interrupts = InterruptState.Disable();
        if (s_randomState == 0)
            s_randomState = MonotonicClock.ReadCycles() | 1;
        for (int i = 0; i < length; i++)
        {
            s_randomState ^= s_randomState << 13;
            s_randomState ^= s_randomState >> 7;
            s_randomState ^= s_randomState << 17;
            buffer[i] = (byte)s_randomState;
        }
        InterruptState.Restore(interrupts);
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Exit")]
    private static void Exit(int status)
    {
        Networking.NetworkStartup.DrainBeforeExit();
        GcStatistics.ReportIfRequested(GcHeap.TotalAllocatedBytes);
        PowerControl.Exit(status);
    }

    /// <summary>
    /// What a Linux process killed by SIGABRT reports (128 + 6), and so what .NET gives for an unhandled
    /// exception or Environment.FailFast: CoreLib has already written the report to standard error.
    /// Documented in README.md's exit-status table; distinct from a kernel panic (250).
    /// </summary>
    public const int AbortExitStatus = 134;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Abort")]
    private static void Abort()
    {
        KernelLog.WriteLine("abort: the class library ended the program (unhandled exception or fail-fast)");
        PowerControl.Exit(AbortExitStatus);
    }

    // (message, length): CoreLib's Internal.Console.Error, which unhandled-exception and fail-fast
    // reports use. The stock implementation writes exactly these bytes to stderr, no newline added.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LogError")]
    private static void LogError(byte* message, int length)
    {
        if (message == null || length <= 0)
            return;
        ConsoleCalls.WriteStandardError(new ReadOnlySpan<byte>(message, length));
    }
}
