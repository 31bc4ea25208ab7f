using Minnow.TestSupport;

namespace Minnow.Images.Tests;

/// <summary>Console.Out reaches the host's stdout (COM1), Console.Error its stderr (the debug console).</summary>
[Collection(ImagesCollection.Name)]
public sealed class OutputStreamTests(TestImages images)
{
    [Fact]
    public void Standard_output_and_error_stay_apart()
    {
        var run = MinnowTool.Run(images.Scenarios, new MinnowRunOptions { QuietKernel = true, ProgramArguments = ["streams"] });

        RunAssert.ExitStatus(0, run);
        RunAssert.StandardOutput("to stdout 1\nto stdout 2\n", run);
        RunAssert.StandardErrorContains("to stderr 1\nto stderr 2\n", run);
    }
}
