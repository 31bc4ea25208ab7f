using Minnow.Qemu.Launch;

namespace Minnow.Kernel.Tests;

/// <summary>
/// The harness quotes each argument (QemuCommandLine.Quote) and the kernel splits them again
/// (CommandLineTokenizer): every word must come back exactly, "--" included.
/// </summary>
public sealed class QuoteRoundTripTests
{
    private static readonly string[] SampleWords =
    [
        "plain", "", " ", "two words", "  padded  ", "tab\there", "new\nline", "cr\rhere",
        "\"", "\"quoted\"", "say \"hi\"", "\\", @"back\slash", @"trailing\", @"\\double", "\\\"",
        "--", "-", "---", "--flag", "--key=value", "name=value", "a\"b\\c d",
        "héllo", "wörld ✓", "日本語", "emoji 🐟", "nbsp\u00a0inside", "vertical\vtab",
    ];

    public static TheoryData<string> Words()
    {
        var data = new TheoryData<string>();
        foreach (var word in SampleWords)
            data.Add(word);
        return data;
    }

    [Theory]
    [MemberData(nameof(Words))]
    public void A_quoted_word_splits_back_into_itself(string word)
    {
        var words = CommandLineWords.Split(QemuCommandLine.Quote(word));

        var only = Assert.Single(words);
        Assert.Equal(word, only.Word);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("name=value")]
    [InlineData("--flag")]
    [InlineData("héllo")]
    public void Words_that_need_no_quotes_get_none(string word)
    {
        Assert.Equal(word, QemuCommandLine.Quote(word));
    }

    [Theory]
    [InlineData("", "\"\"")]
    [InlineData("--", "\"--\"")]
    [InlineData("a b", "\"a b\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData(@"a\b", @"""a\\b""")]
    public void Words_that_need_quotes_are_quoted_and_escaped(string word, string quoted)
    {
        Assert.Equal(quoted, QemuCommandLine.Quote(word));
    }

    [Fact]
    public void A_quoted_double_dash_argument_is_not_taken_for_the_separator()
    {
        var (word, quoted) = Assert.Single(CommandLineWords.Split(QemuCommandLine.Quote("--")));

        Assert.Equal("--", word);
        Assert.True(quoted);
    }

    [Fact]
    public void The_kernel_command_line_splits_into_the_options_and_arguments_the_harness_was_given()
    {
        string[] arguments = ["first", "", "--", "two words", "a\"b\\c", "-- x", "日本"];
        var options = new QemuOptions
        {
            Image = "/images/my image.elf",
            KernelArguments = " bootstats  log=debug ",
            ProgramArguments = arguments,
        };

        var (kernelOptions, programArguments) = CommandLineWords.SplitAtSeparator(QemuCommandLine.KernelCommandLine(options));

        Assert.Equal(["name=my image", "bootstats", "log=debug"], kernelOptions);
        Assert.Equal(arguments, programArguments);
    }

    [Fact]
    public void Every_word_of_the_theory_data_round_trips_in_one_line()
    {
        string line = string.Join(' ', SampleWords.Select(QemuCommandLine.Quote));

        Assert.Equal(SampleWords, CommandLineWords.Split(line).Select(w => w.Word));
    }
}
