namespace Minnow.Qemu.Launch;

/// <summary>How to boot one image: what the harness's command line says.</summary>
public sealed record QemuOptions
{
    public required string Image { get; init; }
    public string Machine { get; init; } = "microvm";
    public string Accelerator { get; init; } = "auto";
    public string Memory { get; init; } = "256M";
    public double TimeoutSeconds { get; init; } = 60;
    public IReadOnlyList<string> Networks { get; init; } = [];
    public string KernelArguments { get; init; } = "";
    public IReadOnlyList<string> ProgramArguments { get; init; } = [];
    /// <summary>The program's environment variables, NAME=VALUE each (kernel options env.NAME=VALUE).</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];
    public bool WaitForDebugger { get; init; }
    public int GdbPort { get; init; } = 1234;
    public string? KernelLogFile { get; init; }
    /// <summary>Give the guest isa-debug-exit; without it the kernel powers off through ACPI (exit status from the log).</summary>
    public bool DebugExitDevice { get; init; } = true;
    /// <summary>Echo kernel messages to stderr (they always go to the log file).</summary>
    public bool ShowKernelLog { get; init; } = true;
}
