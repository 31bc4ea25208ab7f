namespace Minnow.TestSupport;

/// <summary>
/// Calls the minnow tool (<c>dotnet out/tools/minnow.dll</c>, built by <c>make tool</c>) the way a
/// developer does. Image builds from every test process take turns through one lock: they share
/// Minnow's runtime build (out/runtime) and this machine has two cores.
/// </summary>
public static class MinnowTool
{
    /// <summary>Generous: a cold build (runtime, restore, ilc, link) takes 10-40 s here.</summary>
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How long the test waits beyond the harness's own --timeout before it kills minnow run.</summary>
    public static readonly TimeSpan RunGrace = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Builds <paramref name="sourceDirectory"/> into out/test-images/NAME.elf. Unchanged inputs make
    /// this cheap: the tool checks a fingerprint and skips the work.
    /// </summary>
    public static ImageBuild Build(string sourceDirectory, string name, bool allowUnsafe = false)
    {
        string image = Path.Combine(RepositoryPaths.TestImages, name + ".elf");
        var arguments = new List<string> { "build", sourceDirectory, "-o", image };
        if (allowUnsafe)
            arguments.Add("--allow-unsafe");
        ProcessResult result;
        using (ExclusiveFileLock.Acquire(Path.Combine(RepositoryPaths.TestImages, ".build.lock"), BuildTimeout))
            result = Invoke(arguments, BuildTimeout);
        return new ImageBuild(
            name,
            image,
            Path.Combine(RepositoryPaths.TestImages, name + ".debug.elf"),
            Path.Combine(RepositoryPaths.TestImages, name + ".map"),
            result);
    }

    /// <summary>Boots an image under QEMU with <c>minnow run</c>.</summary>
    public static ProcessResult Run(string image, MinnowRunOptions? options = null)
    {
        options ??= new MinnowRunOptions();
        var arguments = new List<string> { "run", image, "--accel", options.Accelerator, "--timeout", options.TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (options.Memory is not null)
            arguments.AddRange(["--mem", options.Memory]);
        if (options.Machine is not null)
            arguments.AddRange(["--machine", options.Machine]);
        if (options.KernelArguments is not null)
            arguments.AddRange(["--kargs", options.KernelArguments]);
        if (options.QuietKernel)
            arguments.Add("--quiet-kernel");
        if (options.LogFile is not null)
            arguments.AddRange(["--log", options.LogFile]);
        foreach (string network in options.Networks)
            arguments.AddRange(["--net", network]);
        foreach (string variable in options.Environment)
            arguments.AddRange(["--env", variable]);
        if (options.ProgramArguments.Count > 0)
        {
            arguments.Add("--");
            arguments.AddRange(options.ProgramArguments);
        }
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) + RunGrace;
        if (options.NetworkNamespace is null)
            return Invoke(arguments, timeout);
        RequireTool();
        return ExternalProcess.Run("ip", ["netns", "exec", options.NetworkNamespace, "dotnet", RepositoryPaths.MinnowTool, .. arguments], timeout);
    }

    private static void RequireTool()
    {
        if (!File.Exists(RepositoryPaths.MinnowTool))
            throw new InvalidOperationException($"{RepositoryPaths.MinnowTool} is missing: run `make tool` first (make test does)");
    }

    /// <summary>Runs the tool with any arguments.</summary>
    public static ProcessResult Invoke(IEnumerable<string> arguments, TimeSpan timeout)
    {
        RequireTool();
        return ExternalProcess.Run("dotnet", [RepositoryPaths.MinnowTool, .. arguments], timeout);
    }
}
