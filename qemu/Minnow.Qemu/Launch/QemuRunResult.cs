namespace Minnow.Qemu.Launch;

/// <summary>What happened to one boot.</summary>
public sealed record QemuRunResult(
    int ExitStatus,
    int? GuestStatus,
    int QemuExitCode,
    bool TimedOut,
    bool Panicked,
    string Accelerator,
    TimeSpan WallTime,
    string KernelLog);
