namespace Minnow.Qemu.Launch;

/// <summary>
/// The harness's exit status: the guest's own status (Main's return value or Environment.Exit,
/// 0-255 as on Linux) or one of these, which README.md documents.
/// </summary>
public static class HarnessExitStatus
{
    /// <summary>The timeout expired; QEMU was killed.</summary>
    public const int Timeout = 124;
    /// <summary>QEMU could not start the image (missing QEMU, bad image, bad options).</summary>
    public const int CannotStart = 126;
    /// <summary>The kernel panicked (CPU fault, stack overflow, fatal runtime error); the guest reports it itself.</summary>
    public const int KernelPanic = 250;
    /// <summary>The guest stopped without reporting a status (reset, triple fault, power-off by other means).</summary>
    public const int NoStatus = 251;
}
