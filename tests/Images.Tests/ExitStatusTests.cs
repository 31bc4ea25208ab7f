using Minnow.TestSupport;

namespace Minnow.Images.Tests;

/// <summary>The harness exits with the program's status, as a Linux process would (status &amp; 0xFF).</summary>
[Collection(ImagesCollection.Name)]
public sealed class ExitStatusTests(TestImages images)
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(42, 42)]
    [InlineData(255, 255)]
    [InlineData(300, 44)]
    public void Main_return_value_is_the_exit_status(int returned, int expectedStatus)
    {
        var run = MinnowTool.Run(images.Scenarios, new MinnowRunOptions { QuietKernel = true, ProgramArguments = ["return", returned.ToString()] });

        RunAssert.ExitStatus(expectedStatus, run);
        RunAssert.StandardOutput("", run);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Environment_Exit_sets_the_status_and_ends_the_program(int status)
    {
        var run = MinnowTool.Run(images.Scenarios, new MinnowRunOptions { ProgramArguments = ["exit", status.ToString()] });

        RunAssert.ExitStatus(status, run);
        RunAssert.StandardOutput($"exiting with {status}\n", run);
        RunAssert.StandardErrorContains($"minnow: exit {status}", run);
    }
}
