using System.Text;
using Minnow.TestSupport;

namespace Minnow.Images.Tests;

/// <summary>
/// Arguments after "--" travel through QEMU's kernel command line (quoted by the harness, split by
/// the kernel's tokenizer) and must reach Main exactly as given.
/// </summary>
[Collection(ImagesCollection.Name)]
public sealed class CommandLineTests(TestImages images)
{
    [Fact]
    public void Ascii_arguments_reach_Main_unchanged()
    {
        string[] arguments =
        [
            "plain", "two words", "\"quoted\"", "say \"hi\" now", "it's", @"back\slash", @"trailing\", @"\\double",
            "", "--", "-x", "--flag=value", "key=value", "  padded  ", "tab\tinside", "a\"b\\c d", "@not-a-response-file",
        ];

        var run = Echo(arguments);

        RunAssert.ExitStatus(0, run);
        RunAssert.StandardOutput(Expected(arguments), run);
    }

    [Fact]
    public void Unicode_arguments_reach_Main_unchanged()
    {
        string[] arguments = ["héllo", "wörld ✓", "日本語", "emoji 🐟"];

        var run = Echo(arguments);

        RunAssert.ExitStatus(0, run);
        RunAssert.StandardOutput(Expected(arguments), run);
    }

    [Fact]
    public void No_arguments_after_the_scenario_means_none()
    {
        var run = Echo([]);

        RunAssert.ExitStatus(0, run);
        RunAssert.StandardOutput("count=0\n", run);
    }

    [Fact]
    public void Environment_variables_given_to_minnow_run_reach_the_program()
    {
        var run = MinnowTool.Run(images.Scenarios, new MinnowRunOptions
        {
            QuietKernel = true,
            Environment = ["GREETING=hello, world", "EMPTY=", "PATHLIKE=/a:/b=c", "GREET=prefix only"],
            ProgramArguments = ["env", "GREETING", "EMPTY", "PATHLIKE", "GREET", "GREETINGS", "UNSET"],
        });

        RunAssert.ExitStatus(0, run);
        RunAssert.StandardOutput(
            "GREETING=hello, world\nEMPTY=\nPATHLIKE=/a:/b=c\nGREET=prefix only\nGREETINGS=(unset)\nUNSET=(unset)\n" +
            "all: EMPTY GREET GREETING PATHLIKE\n" +
            "SET_BY_PROGRAM=yes, GREETING=hello, world\n", run);
    }

    private ProcessResult Echo(string[] arguments) =>
        MinnowTool.Run(images.Scenarios, new MinnowRunOptions { QuietKernel = true, ProgramArguments = ["echo", .. arguments] });

    /// <summary>What Programs/Scenarios prints for "echo": the count, then each argument bracketed.</summary>
    private static string Expected(string[] arguments)
    {
        var sb = new StringBuilder($"count={arguments.Length}\n");
        foreach (var argument in arguments)
            sb.Append($"[{argument}] length={argument.Length}\n");
        return sb.ToString();
    }
}
