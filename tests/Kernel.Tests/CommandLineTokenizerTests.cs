using System.Text;
using Minnow.Kernel.Boot;

namespace Minnow.Kernel.Tests;

/// <summary>kernel/Minnow.Kernel/Boot/CommandLineTokenizer.cs, compiled into this project as it is.</summary>
public sealed class CommandLineTokenizerTests
{
    [Fact]
    public void Whitespace_separates_words()
    {
        Assert.Equal([("a", false), ("b", false), ("c", false), ("d", false), ("e", false)],
            CommandLineWords.Split("  a  b\tc\nd\r\ne  "));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" \t\r\n ")]
    public void Blank_lines_have_no_words(string line)
    {
        Assert.Empty(CommandLineWords.Split(line));
    }

    [Fact]
    public void Double_quotes_group_words()
    {
        Assert.Equal([("a", false), ("b c", true), ("d", false)], CommandLineWords.Split("a \"b c\" d"));
    }

    [Fact]
    public void Quotes_may_open_and_close_inside_a_word()
    {
        Assert.Equal([("prefix midpost", true)], CommandLineWords.Split("pre\"fix mid\"post"));
    }

    [Fact]
    public void Empty_quotes_are_an_empty_word()
    {
        Assert.Equal([("a", false), ("", true), ("b", false)], CommandLineWords.Split("a \"\" b"));
    }

    [Fact]
    public void Backslash_escapes_the_next_character_inside_quotes()
    {
        Assert.Equal([("say \"hi\"", true), (@"back\slash", true), ("x", true)],
            CommandLineWords.Split(@"""say \""hi\"""" ""back\\slash"" ""\x"""));
    }

    [Fact]
    public void Backslash_is_literal_outside_quotes()
    {
        Assert.Equal([(@"a\b", false), (@"c\\d", false), (@"end\", false)], CommandLineWords.Split(@"a\b c\\d end\"));
    }

    [Fact]
    public void Unterminated_quote_runs_to_the_end()
    {
        Assert.Equal([("a", false), ("b  c ", true)], CommandLineWords.Split("a \"b  c "));
    }

    [Fact]
    public void Backslash_at_the_end_inside_quotes_is_kept()
    {
        Assert.Equal([(@"x\", true)], CommandLineWords.Split("\"x\\"));
    }

    [Fact]
    public void Nul_ends_the_line()
    {
        Assert.Equal([("a", false), ("b", false)], CommandLineWords.Split("a b\0c d"));
    }

    [Fact]
    public void Utf8_passes_through_unchanged()
    {
        Assert.Equal([("héllo", false), ("wörld ✓", true), ("日本", false)], CommandLineWords.Split("héllo \"wörld ✓\" 日本"));
    }

    [Fact]
    public void A_word_longer_than_the_destination_reports_its_full_length()
    {
        var tokenizer = new CommandLineTokenizer("abcdef next"u8);
        var destination = new byte[3];

        Assert.True(tokenizer.TryNext(destination, out int written, out bool quoted));
        Assert.Equal(6, written);
        Assert.False(quoted);
        Assert.Equal("abc"u8.ToArray(), destination);
        Assert.True(tokenizer.TryNext(new byte[8], out written, out _));
        Assert.Equal(4, written);
        Assert.False(tokenizer.TryNext(new byte[8], out _, out _));
    }

    [Theory]
    [InlineData("--", false, true)]
    [InlineData("--", true, false)]
    [InlineData("-", false, false)]
    [InlineData("---", false, false)]
    [InlineData("--x", false, false)]
    [InlineData("", false, false)]
    public void Only_an_unquoted_double_dash_is_the_separator(string word, bool quoted, bool separator)
    {
        Assert.Equal(separator, CommandLineTokenizer.IsSeparator(Encoding.UTF8.GetBytes(word), quoted));
    }

    [Fact]
    public void Double_dash_separates_kernel_options_from_program_arguments()
    {
        var (options, arguments) = CommandLineWords.SplitAtSeparator("name=hello bootstats -- a \"b c\" -- d");

        Assert.Equal(["name=hello", "bootstats"], options);
        Assert.Equal(["a", "b c", "--", "d"], arguments);
    }

    [Fact]
    public void Quoted_double_dash_is_not_the_separator()
    {
        var (options, arguments) = CommandLineWords.SplitAtSeparator("name=x \"--\" y -- z");

        Assert.Equal(["name=x", "--", "y"], options);
        Assert.Equal(["z"], arguments);
    }

    [Fact]
    public void Without_a_separator_every_word_is_a_kernel_option()
    {
        var (options, arguments) = CommandLineWords.SplitAtSeparator("name=x quiet");

        Assert.Equal(["name=x", "quiet"], options);
        Assert.Empty(arguments);
    }
}
