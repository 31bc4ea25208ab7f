namespace Minnow.TestSupport;

/// <summary>The options of one <c>minnow run</c>; defaults suit this machine (TCG: KVM here breaks SSE).</summary>
public sealed record MinnowRunOptions
{
    public string Accelerator { get; init; } = "tcg";

    /// <summary>--machine (microvm, q35); null leaves the harness default (microvm).</summary>
    public string? Machine { get; init; }

    /// <summary>QEMU -m syntax ("256M", "1G"); null leaves the harness default.</summary>
    public string? Memory { get; init; }

    /// <summary>The harness's own timeout (--timeout): it kills QEMU and exits 124.</summary>
    public double TimeoutSeconds { get; init; } = 60;

    public string? KernelArguments { get; init; }

    public bool QuietKernel { get; init; }

    /// <summary>Where the kernel log goes (--log); null leaves the harness default, NAME.log beside the image.</summary>
    public string? LogFile { get; init; }

    public IReadOnlyList<string> ProgramArguments { get; init; } = [];

    /// <summary>--env options: the program's environment variables, NAME=VALUE each.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>--net options, one NIC each (user, user:OPTIONS, tap:NAME).</summary>
    public IReadOnlyList<string> Networks { get; init; } = [];

    /// <summary>Run QEMU inside this network namespace (ip netns exec), where its tap devices are.</summary>
    public string? NetworkNamespace { get; init; }
}
