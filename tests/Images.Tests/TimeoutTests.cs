using Minnow.TestSupport;

namespace Minnow.Images.Tests;

/// <summary>A program that never ends is killed at --timeout and the harness exits 124, as timeout(1) does.</summary>
[Collection(ImagesCollection.Name)]
public sealed class TimeoutTests(TestImages images)
{
    [Fact]
    public void Spinning_program_is_killed_at_the_timeout()
    {
        var run = MinnowTool.Run(images.Scenarios, new MinnowRunOptions { TimeoutSeconds = 5, ProgramArguments = ["spin"] });

        RunAssert.ExitStatus(124, run);
        RunAssert.StandardOutput("spinning\n", run);
        RunAssert.StandardErrorContains("timed out", run);
        Assert.InRange(run.Elapsed.TotalSeconds, 5, 5 + 30);
    }
}
