using Minnow.TestSupport;

namespace Minnow.Images.Tests;

/// <summary>images/hello, unchanged, as the README shows it: output on stdout, kernel lines on stderr.</summary>
[Collection(ImagesCollection.Name)]
public sealed class HelloTests(TestImages images)
{
    [Fact]
    public void Hello_prints_its_greeting_and_exits_zero()
    {
        var run = MinnowTool.Run(images.Hello);

        RunAssert.ExitStatus(0, run);
        RunAssert.StandardOutputStartsWith("Hello from Minnow!\n", run);
        RunAssert.StandardErrorContains("minnow: exit 0", run);
    }

    [Fact]
    public void Hello_receives_its_arguments()
    {
        var run = MinnowTool.Run(images.Hello, new MinnowRunOptions { ProgramArguments = ["from", "the tests"] });

        RunAssert.ExitStatus(0, run);
        RunAssert.StandardOutputContains("args: 2 [from, the tests]\n", run);
    }

    [Fact]
    public void Kernel_lines_go_to_stderr_only()
    {
        var run = MinnowTool.Run(images.Hello);

        RunAssert.ExitStatus(0, run);
        RunAssert.StandardErrorContains("minnow: memory ", run);
        Assert.DoesNotContain("minnow:", run.StandardOutput);
    }

    [Fact]
    public void Quiet_kernel_keeps_kernel_lines_off_stderr()
    {
        var run = MinnowTool.Run(images.Hello, new MinnowRunOptions { QuietKernel = true });

        RunAssert.ExitStatus(0, run);
        RunAssert.StandardOutputStartsWith("Hello from Minnow!\n", run);
        Assert.DoesNotContain(run.StandardError.Split('\n'), line => line.StartsWith("minnow: ", StringComparison.Ordinal));
    }
}
