using Minnow.Qemu.Symbolization;

namespace Minnow.Qemu.Tests;

public class PanicReportParserTests
{
    [Fact]
    public void ParsesACapturedReport()
    {
        PanicReport report = FixtureFiles.PanicReport(FixtureFiles.Crash);

        Assert.Equal("page fault (#PF) error=0x0000000000000002", report.Kind);
        Assert.True(report.IsComplete);
        Assert.Empty(report.Warnings);
        Assert.Equal(19, report.Registers.Count); // rip rsp rbp rflags cr2 and the 14 others
        Assert.Equal(FixtureFiles.GdbFrames(FixtureFiles.Crash)[0].Pc, report.Rip);
        Assert.Equal(0UL, report.Cr2);
        Assert.Equal(0x10212UL, report.GetRegister("rflags"));
        Assert.Equal(report.Rip, report.CodeAddress);
        Assert.Equal(16, report.CodeBytes.Count);
        Assert.Equal(64, report.StackWords.Count);
        Assert.Equal(report.Rsp, report.StackWords[0].Address);
        Assert.All(report.StackWords.Skip(1).Zip(report.StackWords), pair => Assert.Equal(pair.Second.Address + 8, pair.First.Address));
    }

    [Fact]
    public void IgnoresOtherLines_AndToleratesPrefixNoise()
    {
        string[] log =
        [
            "SeaBIOS (version 1.16)",
            "minnow: boot ok",
            "[    0.0123] minnow: PANIC general protection fault (#GP) error=0x0000000000000000\r",
            "qemu-system-x86_64: something unrelated",
            "minnow: rip=0x0000000000101000 rsp=0x0000000000200000",
            "minnow: ",
            "minnow: code 0x0000000000101000: 0f 0b",
            "minnow: stack 0x0000000000200000: 0x0000000000000001 0x0000000000000002",
            "minnow: end-panic",
            "minnow: after",
        ];

        PanicReport report = PanicReportParser.ParseAll(log).Single();

        Assert.Equal("general protection fault (#GP) error=0x0000000000000000", report.Kind);
        Assert.Equal(0x101000UL, report.Rip);
        Assert.Equal([0x0f, 0x0b], report.CodeBytes);
        Assert.Equal([new StackWord(0x200000, 1), new StackWord(0x200008, 2)], report.StackWords);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void MalformedLines_BecomeWarnings()
    {
        string[] log =
        [
            "minnow: PANIC bad lines",
            "minnow: rip=0xZZ rsp=0x10 junk",
            "minnow: code 0x1000: 0f zz",
            "minnow: code nowhere",
            "minnow: stack 0x2000: 0x1 0x2 nothex 0x4",
            "minnow: something else entirely",
            "minnow: end-panic",
        ];

        PanicReport report = PanicReportParser.ParseAll(log).Single();

        Assert.Equal(0x10UL, report.Rsp);
        Assert.Null(report.Rip);
        Assert.Empty(report.CodeBytes);
        Assert.Equal([new StackWord(0x2000, 1), new StackWord(0x2008, 2)], report.StackWords);
        Assert.Equal(6, report.Warnings.Count);
        Assert.Contains(report.Warnings, w => w.Contains("rip=0xZZ"));
        Assert.Contains(report.Warnings, w => w.Contains("something else entirely"));
    }

    [Fact]
    public void APanicWhilePanicking_EndsTheFirstReportIncomplete()
    {
        var parser = new PanicReportParser();
        Assert.Null(parser.Accept("minnow: PANIC page fault (#PF) error=0x0000000000000000"));
        Assert.True(parser.IsInPanic);
        Assert.Null(parser.Accept("minnow: rip=0x0000000000101000 rsp=0x0000000000200000"));

        PanicReport? first = parser.Accept("minnow: PANIC while panicking");
        Assert.NotNull(first);
        Assert.False(first.IsComplete);
        Assert.Equal(0x101000UL, first.Rip);
        Assert.Contains(first.Warnings, w => w.Contains("another PANIC"));

        PanicReport? second = parser.Finish();
        Assert.NotNull(second);
        Assert.Equal("while panicking", second.Kind);
        Assert.Contains(second.Warnings, w => w.Contains("the log ended"));
        Assert.False(parser.IsInPanic);
        Assert.Null(parser.Finish());
    }

    [Fact]
    public void PanicFailWithoutRegisters_IsAReportToo()
    {
        // Panic.Fail prints the reason, an empty line and end-panic.
        PanicReport report = PanicReportParser.ParseAll(["minnow: PANIC out of memory", "minnow: ", "minnow: end-panic"]).Single();

        Assert.Equal("out of memory", report.Kind);
        Assert.True(report.IsComplete);
        Assert.Empty(report.Registers);
        Assert.Empty(report.Warnings);
    }
}
