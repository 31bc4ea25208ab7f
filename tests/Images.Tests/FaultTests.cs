using Minnow.TestSupport;

namespace Minnow.Images.Tests;

/// <summary>
/// Crashes are reported, not hidden: the kernel prints a panic report (PANIC line, registers, code,
/// stack, end-panic), the harness exits 250, and the report names the faulting method.
/// </summary>
[Collection(ImagesCollection.Name)]
public sealed class FaultTests(TestImages images)
{
    [Fact]
    public void Null_pointer_dereference_panics()
    {
        var run = Crash("null-pointer");

        RunAssert.ExitStatus(250, run);
        RunAssert.StandardOutput("about to fault: null-pointer\n", run);
        RunAssert.StandardErrorContains("minnow: PANIC page fault (#PF)", run);
        RunAssert.StandardErrorContains("null pointer dereference", run);
        RunAssert.StandardErrorContains("minnow: rip=0x", run);
        RunAssert.StandardErrorContains("minnow: end-panic", run);
        RunAssert.StandardErrorContains("the kernel panicked", run);
    }

    [Fact]
    public void Kernel_log_keeps_the_whole_raw_panic_report()
    {
        string log = Path.Combine(RepositoryPaths.CreateWorkDirectory("fault-log"), "null-pointer.log");

        var run = MinnowTool.Run(images.Faults, new MinnowRunOptions { QuietKernel = true, LogFile = log, ProgramArguments = ["null-pointer"] });

        RunAssert.ExitStatus(250, run);
        Assert.True(File.Exists(log), $"no kernel log at {log}\n{run.Describe()}");
        var lines = File.ReadAllLines(log);
        int panic = Array.FindIndex(lines, l => l.StartsWith("minnow: PANIC ", StringComparison.Ordinal));
        int end = Array.IndexOf(lines, "minnow: end-panic");
        Assert.True(panic >= 0 && end > panic, string.Join('\n', lines));
        var report = lines[panic..end];
        Assert.Contains(report, l => l.StartsWith("minnow: rip=0x", StringComparison.Ordinal));
        Assert.Contains(report, l => l.StartsWith("minnow: rax=0x", StringComparison.Ordinal));
        Assert.Contains(report, l => l.StartsWith("minnow: code 0x", StringComparison.Ordinal));
        Assert.Contains(report, l => l.StartsWith("minnow: stack 0x", StringComparison.Ordinal));
        Assert.Contains("minnow: exit 250", lines[end..]);
    }

    [Fact]
    public void Unmapped_pointer_read_panics_with_the_address()
    {
        var run = Crash("unmapped");

        RunAssert.ExitStatus(250, run);
        RunAssert.StandardErrorContains("minnow: PANIC page fault (#PF)", run);
        RunAssert.StandardErrorContains("cr2=0x0000600000000000", run);
        RunAssert.StandardErrorLacks("null pointer dereference", run);
    }

    [Fact]
    public void Unbounded_recursion_panics_on_the_stack_guard_page()
    {
        var run = Crash("stack-overflow");

        RunAssert.ExitStatus(250, run);
        RunAssert.StandardErrorContains("stack overflow (guard page hit)", run);
        RunAssert.StandardErrorContains("minnow: end-panic", run);
    }

    [Theory]
    [InlineData("null-pointer", "DereferenceNullPointer")]
    [InlineData("unmapped", "ReadUnmappedMemory")]
    [InlineData("stack-overflow", "RecurseForever")]
    public void Panic_report_names_the_faulting_method(string fault, string method)
    {
        var run = Crash(fault);

        RunAssert.ExitStatus(250, run);
        RunAssert.StandardErrorContains(method, run);
    }

    private ProcessResult Crash(string fault) =>
        MinnowTool.Run(images.Faults, new MinnowRunOptions { ProgramArguments = [fault] });
}
