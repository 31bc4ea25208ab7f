using Minnow.TestSupport;

namespace Minnow.Conformance.Tests;

/// <summary>
/// Each conformance program, built both as a host .NET program and as a Minnow image: the image's
/// stdout must be byte-identical to host .NET's and its exit status equal (unhandled exceptions
/// exit 134 in both places). Standard error is not compared: stack traces carry addresses.
/// </summary>
public sealed class DifferentialTests
{
    public static TheoryData<string> Programs()
    {
        var data = new TheoryData<string>();
        foreach (var program in ConformanceProgram.All())
            data.Add(program.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Image_matches_host_dotnet(string name) => RunAndCompare(name, kernelArguments: null);

    /// <summary>
    /// The same comparison with the kernel option gcstress=N: every allocation takes the slow path
    /// and every Nth collects, so collections land at thousands of points a normal run never sees
    /// (inside library code, between a throw and its catch, while other threads are preempted).
    /// A root the collector misses shows up as corrupted output or a crash. Every fourth of these
    /// collections is a full one, the others young, and <c>gcverify</c> checks the heap after each
    /// and, before each young one, every old-to-young reference against the write barriers' cards:
    /// a store that bypassed a barrier fails the run even where the program would not notice.
    /// </summary>
    [Theory]
    [MemberData(nameof(Programs))]
    public void Image_matches_host_dotnet_under_gc_stress(string name)
    {
        var program = ConformanceProgram.All().Single(p => p.Name == name);
        RunAndCompare(name, kernelArguments: $"gcstress={program.GcStressInterval} gcverify");
    }

    [Fact]
    public void There_are_at_least_sixty_conformance_programs() =>
        Assert.True(ConformanceProgram.All().Count() >= 60, $"only {ConformanceProgram.All().Count()} programs in tests/conformance");

    [Fact]
    public void There_are_conformance_programs_for_every_area()
    {
        var names = ConformanceProgram.All().Select(p => p.Name).ToList();
        foreach (var area in new[] { "exceptions-", "threads-", "tasks-", "gc-" })
            Assert.Contains(names, n => n.StartsWith(area, StringComparison.Ordinal));
    }

    internal static void RunAndCompare(string name, string? kernelArguments)
    {
        var program = ConformanceProgram.All().Single(p => p.Name == name);
        var host = HostDotnet.Build(program.Directory, "conformance-" + name).Run([]);

        var build = MinnowTool.Build(program.Directory, "conformance-" + name);
        Assert.True(build.Succeeded, $"the image did not build\n{build.Process.Describe()}");
        var image = MinnowTool.Run(build.Image, new MinnowRunOptions
        {
            Memory = program.Memory,
            KernelArguments = kernelArguments,
            QuietKernel = true,
            TimeoutSeconds = 120,
        });

        bool sameOutput = host.StandardOutputBytes.AsSpan().SequenceEqual(image.StandardOutputBytes);
        if (sameOutput && host.ExitCode == image.ExitCode && !image.TimedOut)
            return;
        var expected = host.StandardOutput.Split('\n');
        var actual = image.StandardOutput.Split('\n');
        int line = 0;
        while (line < expected.Length && line < actual.Length && expected[line] == actual[line])
            line++;
        Assert.Fail(
            $"{name}: host exited {host.ExitCode}, image {image.ExitCode}{(image.TimedOut ? " (timed out)" : "")}\n" +
            (sameOutput ? "stdout identical\n" :
                $"stdout differs at line {line + 1}\nhost:  {(line < expected.Length ? expected[line] : "(end)")}\nimage: {(line < actual.Length ? actual[line] : "(end)")}\n") +
            image.Describe());
    }
}
