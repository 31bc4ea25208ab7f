using System.Text.RegularExpressions;
using Minnow.TestSupport;

namespace Minnow.Images.Tests;

/// <summary>The runtime reports the RAM QEMU gave the guest (less firmware holes) as available memory.</summary>
[Collection(ImagesCollection.Name)]
public sealed partial class MemoryTests(TestImages images)
{
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
}
