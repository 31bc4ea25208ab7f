using System.Text.RegularExpressions;
using Minnow.TestSupport;

namespace Minnow.Images.Tests;

/// <summary>The runtime reports the RAM QEMU gave the guest (less firmware holes) as available memory.</summary>
[Collection(ImagesCollection.Name)]
public sealed partial class MemoryTests(TestImages images)
{
    [GeneratedRegex(@"^caught OutOfMemoryException after (?<mib>\d+) MiB$", RegexOptions.Multiline)]
    private static partial Regex CaughtOutOfMemory();

    [GeneratedRegex(@"^total-available-bytes=(?<bytes>\d+)$", RegexOptions.Multiline)]
    private static partial Regex AvailableBytes();

    [Theory]
    [InlineData("256M", 256L << 20)]
    [InlineData("1G", 1L << 30)]
    public void Total_available_memory_is_within_2_percent_below_the_requested_size(string memory, long requested)
    {
        var run = MinnowTool.Run(images.Scenarios, new MinnowRunOptions { Memory = memory, QuietKernel = true, ProgramArguments = ["memory"] });

        RunAssert.ExitStatus(0, run);
        var match = AvailableBytes().Match(run.StandardOutput);
        Assert.True(match.Success, $"no total-available-bytes line\n{run.Describe()}");
        long available = long.Parse(match.Groups["bytes"].Value);
        Assert.True(available <= requested && available >= requested * 0.98,
            $"--mem {memory}: TotalAvailableMemoryBytes is {available:N0}, expected {requested * 0.98:N0} to {requested:N0}");
    }

    [Fact]
    public void A_full_heap_throws_OutOfMemoryException_and_the_memory_is_reused_after()
    {
        var run = MinnowTool.Run(images.Scenarios, new MinnowRunOptions { Memory = "64M", QuietKernel = true, ProgramArguments = ["out-of-memory"] });

        RunAssert.ExitStatus(0, run);
        var match = CaughtOutOfMemory().Match(run.StandardOutput);
        Assert.True(match.Success, $"no OutOfMemoryException caught\n{run.Describe()}");
        int mib = int.Parse(match.Groups["mib"].Value);
        // Most of a 64 MiB machine holds arrays before the heap is full; none of it is lost.
        Assert.InRange(mib, 32, 63);
        Assert.Contains("kept arrays intact: True", run.StandardOutput);
        Assert.Contains($"after release allocated {mib / 2} MiB again", run.StandardOutput);
    }
}
