using System.Text.RegularExpressions;
using Iced.Intel;
using Minnow.Qemu.Symbolization;

namespace Minnow.Qemu.Tests;

public class PanicSymbolizerTests
{
    private static readonly PanicSymbolizerOptions s_noAddr2Line = new() { UseAddr2Line = false };

    [Fact]
    public void GccFixture_RipInstructionAndUnwoundStack()
    {
        var symbolizer = new PanicSymbolizer(FixtureFiles.CrashImage, s_noAddr2Line);
        PanicReport report = FixtureFiles.PanicReport(FixtureFiles.Crash);

        SymbolizedPanic panic = symbolizer.Symbolize(report);

        ElfSymbol leaf = FixtureFiles.CrashImage.Symbols.Single(s => s.Name == "leaf");
        Assert.Equal(("leaf", report.Rip!.Value - leaf.Value), (panic.RipFrame!.RawName, panic.RipFrame.Offset));
        Assert.Equal("mov [rsi],ecx", panic.FaultingInstruction!.Text);
        Assert.False(panic.FaultingInstruction.FromImage);
        Assert.Equal(
            FixtureFiles.GdbFrames(FixtureFiles.Crash).Select(f => f.Function).Append(null).Append("_start"),
            panic.Frames.Select(f => f.RawName));
        Assert.Equal(UnwindStopReason.NoFrameDescription, panic.UnwindStopReason);
        Assert.True(panic.Frames[^1].IsScanned); // past libc, found by the stack scan
        Assert.Empty(panic.Notes);

        IReadOnlyList<string> lines = SymbolizedPanicFormatter.Format(panic, FixtureFiles.CrashImage);
        Assert.Contains($"  rip    0x{report.Rip:x16}  leaf + 0x{report.Rip - leaf.Value:x}  [leaf]", lines);
        Assert.Contains($"  at leaf + 0x{report.Rip - leaf.Value:x}  [leaf]", lines);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^  at with_alloca \+ 0x[0-9a-f]+  \[with_alloca\]$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^  at _start \+ 0x[0-9a-f]+  \[_start\]  \(scanned\)$"));
        Assert.Contains(lines, l => l.StartsWith("  unwinding stopped: no .eh_frame entry covers 0x00007fff", StringComparison.Ordinal));
        Assert.Contains("  instr  mov [rsi],ecx    (89 0e)", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith(PanicReportParser.LinePrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void NativeAotFixture_MatchesTheRuntimesOwnStackTrace()
    {
        var symbolizer = new PanicSymbolizer(FixtureFiles.IlcImage, s_noAddr2Line);
        SymbolizedPanic panic = symbolizer.Symbolize(FixtureFiles.PanicReport(FixtureFiles.IlcRepro));

        // The NativeAOT runtime printed the same fault as "at Repro.Shapes.Program.Deep(Int32, Int32[]) + 0x15".
        var expected = FixtureFiles.ReadLines(FixtureFiles.IlcRepro + ".dotnet-trace.txt")
            .Select(l => Regex.Match(l, @"^at (?<name>.+?)(\[[^\]]*\])?\(.*\) \+ 0x(?<offset>[0-9a-f]+)$"))
            .Select(m => (Regex.Replace(m.Groups["name"].Value, @"`\d+", ""), Convert.ToUInt64(m.Groups["offset"].Value, 16)))
            .ToList();
        var ours = panic.Frames.Take(expected.Count)
            .Select(f => (Regex.Replace(f.ReadableName!, @"(?<=[A-Za-z0-9])<[^<>]*>", ""), f.Offset))
            .ToList();
        Assert.Equal(6, expected.Count);
        Assert.Equal(expected, ours);
        Assert.Equal("cmp eax,[rsi+8]", panic.FaultingInstruction!.Text);
        Assert.Equal("Repro.Shapes.Program.<>c__DisplayClass3_0.<Main>g__Fault|0", panic.Frames[2].ReadableName);
    }

    [Fact]
    public void SyntheticPanic_WithoutFde_ScansTheStack_AndReadsTheInstructionFromTheImage()
    {
        // A fault in crt code that has no CFI, with a stack built from the binary's real call sites:
        // return addresses after "call leaf" in with_alloca, "call with_alloca" in shrink_wrapped and
        // "call recurse" in main, mixed with values that must not pass for return addresses.
        ElfImage image = FixtureFiles.CrashImage;
        SymbolTable symbols = SymbolTable.FromImage(image);
        ulong frameDummy = symbols.FindByName("frame_dummy")!.Value;
        ulong leafReturn = ReturnAddressAfterCall(image, symbols, "with_alloca", "leaf");
        ulong withAllocaReturn = ReturnAddressAfterCall(image, symbols, "shrink_wrapped", "with_alloca");
        ulong recurseReturn = ReturnAddressAfterCall(image, symbols, "main", "recurse");
        ulong[] stack =
        [
            0xdeadbeef,
            leafReturn,
            symbols.FindByName("leaf")!.Value,       // a function pointer: not after a call
            withAllocaReturn,
            symbols.FindByName("leaf")!.Value + 7,   // inside a function, not after a call
            image.FindSection(".rodata")!.Address,   // data
            recurseReturn,
        ];
        const ulong rsp = 0x7ffc_0000_1000;
        string[] log =
        [
            "minnow: PANIC invalid opcode (#UD)",
            $"minnow: rip=0x{frameDummy + 4:x16} rsp=0x{rsp:x16} rbp=0x0000000000000000 rflags=0x0000000000000202 cr2=0x0000000000000000",
            $"minnow: stack 0x{rsp:x16}: {string.Join(' ', stack.Select(v => $"0x{v:x16}"))}",
            "minnow: end-panic",
        ];

        SymbolizedPanic panic = new PanicSymbolizer(image, s_noAddr2Line).Symbolize(PanicReportParser.ParseAll(log).Single());

        Assert.Equal(UnwindStopReason.NoFrameDescription, panic.UnwindStopReason);
        Assert.Equal(["frame_dummy", "with_alloca", "shrink_wrapped", "main"], panic.Frames.Select(f => f.RawName));
        Assert.Equal([false, true, true, true], panic.Frames.Select(f => f.IsScanned));
        Assert.Equal([leafReturn, withAllocaReturn, recurseReturn], panic.Frames.Skip(1).Select(f => f.Address));
        Assert.Equal([rsp + 8, rsp + 24, rsp + 48], panic.Frames.Skip(1).Select(f => f.StackPointer!.Value));
        Assert.True(panic.FaultingInstruction!.FromImage);
        Assert.Equal(ExpectedText(image, symbols, frameDummy + 4), panic.FaultingInstruction.Text);

        IReadOnlyList<string> lines = SymbolizedPanicFormatter.Format(panic, image);
        Assert.Contains($"  at main + 0x{recurseReturn - symbols.FindByName("main")!.Value:x}  [main]  (scanned)", lines);
        Assert.Contains(lines, l => l.Contains("(scanned; may include stale ones)"));
    }

    [Fact]
    public void Addr2Line_AddsFileAndLine_WhenInstalled()
    {
        var symbolizer = PanicSymbolizer.ForElfFile(FixtureFiles.PathOf(FixtureFiles.Crash));
        SymbolizedPanic panic = symbolizer.Symbolize(FixtureFiles.PanicReport(FixtureFiles.Crash));
        if (panic.Frames[0].Sources.Count == 0)
            return; // addr2line is not installed: the report simply has no file:line

        string[] source = FixtureFiles.ReadLines("crash.c");
        int faultLine = Array.FindIndex(source, l => l.Contains("faults: target is null")) + 1;
        int callLeafLine = Array.FindIndex(source, l => l.Contains("leaf(n, seed, buffer[n])")) + 1;
        Assert.EndsWith($"crash.c:{faultLine}", panic.Frames[0].Sources[^1].ToString());
        Assert.EndsWith($"crash.c:{callLeafLine}", panic.Frames[1].Sources[^1].ToString());
        Assert.Empty(panic.Frames.Single(f => !f.HasSymbol).Sources);
        Assert.Contains(SymbolizedPanicFormatter.Format(panic, symbolizer.Image), l => l.StartsWith("  at leaf + 0x", StringComparison.Ordinal) && l.EndsWith($"crash.c:{faultLine}", StringComparison.Ordinal));
    }

    [Fact]
    public void Addr2Line_Missing_IsSkippedSilently()
    {
        var options = new PanicSymbolizerOptions { Addr2LinePath = "/nonexistent/addr2line" };
        SymbolizedPanic panic = PanicSymbolizer.ForElfFile(FixtureFiles.PathOf(FixtureFiles.Crash), options)
            .Symbolize(FixtureFiles.PanicReport(FixtureFiles.Crash));

        Assert.All(panic.Frames, f => Assert.Empty(f.Sources));
        Assert.Empty(panic.Notes);
    }

    [Fact]
    public void Addr2LineOutput_IsParsedWithInliningAndUnknowns()
    {
        const string output = """
            0x00000000004011ee
            inner_helper
            /src/crash.c:16 (discriminator 2)
            leaf
            /src/crash.c:30
            0x0000000000401247
            ??
            ??:0
            0x0000000000401000
            _init
            ??:?
            """;

        IReadOnlyDictionary<ulong, IReadOnlyList<SourceLocation>> parsed = Addr2LineRunner.ParseOutput(output);

        Assert.Equal([new SourceLocation("inner_helper", "/src/crash.c", 16), new SourceLocation("leaf", "/src/crash.c", 30)], parsed[0x4011ee]);
        Assert.False(parsed.ContainsKey(0x401247));
        Assert.False(parsed.ContainsKey(0x401000));
    }

    [Fact]
    public void ProcessLine_PassesTheLogThrough_AndAddsTheReportAtEndPanic()
    {
        var symbolizer = new PanicSymbolizer(FixtureFiles.CrashImage, s_noAddr2Line);
        string[] log = FixtureFiles.PanicLog(FixtureFiles.Crash);

        var output = log.SelectMany(symbolizer.ProcessLine).ToList();

        Assert.Equal(log, output.Where(l => l.StartsWith(PanicReportParser.LinePrefix, StringComparison.Ordinal)));
        int endPanic = output.IndexOf("minnow: end-panic");
        Assert.StartsWith("==== symbolized panic (crash, build-id ", output[endPanic + 1]);
        Assert.Equal("==== end of symbolized panic ====", output[output.IndexOf("minnow: halting") - 1]);
        Assert.Empty(symbolizer.Finish());
    }

    [Fact]
    public void Finish_ReportsAPanicTheGuestNeverEnded()
    {
        var symbolizer = new PanicSymbolizer(FixtureFiles.CrashImage, s_noAddr2Line);
        foreach (string line in FixtureFiles.PanicLog(FixtureFiles.Crash).TakeWhile(l => l != "minnow: end-panic"))
            Assert.Single(symbolizer.ProcessLine(line));

        IReadOnlyList<string> lines = symbolizer.Finish();

        Assert.Contains("  incomplete report: the log ended before end-panic", lines);
        Assert.Contains(lines, l => l.StartsWith("  at leaf + 0x", StringComparison.Ordinal));
    }

    [Fact]
    public void CodeBytesThatDifferFromTheImage_AreFlagged()
    {
        string[] log = FixtureFiles.PanicLog(FixtureFiles.Crash)
            .Select(l => l.StartsWith("minnow: code ", StringComparison.Ordinal) ? l.Replace(": 89 0e", ": 90 90") : l)
            .ToArray();

        SymbolizedPanic panic = new PanicSymbolizer(FixtureFiles.CrashImage, s_noAddr2Line).Symbolize(PanicReportParser.ParseAll(log).Single());

        Assert.Equal("nop", panic.FaultingInstruction!.Text);
        Assert.Contains(panic.Notes, n => n.Contains("differ from the image"));
    }

    [Fact]
    public void BrokenEhFrame_FallsBackToTheStackScan()
    {
        byte[] bytes = FixtureFiles.ReadBytes(FixtureFiles.Crash);
        ElfSection ehFrame = FixtureFiles.CrashImage.FindSection(".eh_frame")!;
        bytes[ehFrame.FileOffset + 8] = 9; // the first CIE's version
        ElfImage broken = ElfImage.Parse(bytes);

        SymbolizedPanic panic = new PanicSymbolizer(broken, s_noAddr2Line).Symbolize(FixtureFiles.PanicReport(FixtureFiles.Crash));

        Assert.Null(panic.UnwindStopReason);
        Assert.Contains(".eh_frame is unusable", panic.UnwindStopDetail);
        Assert.Equal("leaf", panic.Frames[0].RawName);
        Assert.Contains(panic.Frames, f => f.IsScanned && f.RawName == "with_alloca");
        Assert.Contains("stack trace (stack scan only):", SymbolizedPanicFormatter.Format(panic, broken));
    }

    [Fact]
    public void AReportWithoutRegisters_StillFormats()
    {
        SymbolizedPanic panic = new PanicSymbolizer(FixtureFiles.CrashImage, s_noAddr2Line)
            .Symbolize(PanicReportParser.ParseAll(["minnow: PANIC out of memory", "minnow: end-panic"]).Single());

        Assert.Empty(panic.Frames);
        Assert.Null(panic.FaultingInstruction);
        Assert.Contains(SymbolizedPanicFormatter.Format(panic, FixtureFiles.CrashImage), l => l == "PANIC out of memory");
    }

    [Fact]
    public void RepeatedFrames_AreCollapsed()
    {
        PanicReport report = PanicReportParser.ParseAll(["minnow: PANIC double fault (#DF)", "minnow: end-panic"]).Single();
        SymbolizedFrame Frame(int index, ulong address) => new(index, address, null, "Program.Recurse", "x_Program__Recurse", address - 0x1000, false, []);
        SymbolizedFrame[] frames = [Frame(0, 0x1001), .. Enumerable.Range(1, 40).Select(i => Frame(i, 0x1042)), Frame(41, 0x1080)];
        var panic = new SymbolizedPanic(report, null, frames, UnwindStopReason.FrameLimitReached, "stopped after 42 frames", []);

        IReadOnlyList<string> lines = SymbolizedPanicFormatter.Format(panic, FixtureFiles.CrashImage);

        string[] trace = lines.SkipWhile(l => !l.StartsWith("stack trace", StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.StartsWith("====", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
        [
            "  at Program.Recurse + 0x1  [x_Program__Recurse]",
            "  at Program.Recurse + 0x42  [x_Program__Recurse]",
            "  ... the frame above 39 more times",
            "  at Program.Recurse + 0x80  [x_Program__Recurse]",
            "  unwinding stopped: stopped after 42 frames",
        ], trace);
    }

    /// <summary>Finds "call callee" in caller's code with Iced and returns the address after it.</summary>
    private static ulong ReturnAddressAfterCall(ElfImage image, SymbolTable symbols, string caller, string callee)
    {
        ElfSymbol function = symbols.FindByName(caller)!;
        byte[] code = new byte[function.Size];
        Assert.True(image.TryReadBytes(function.Value, code));
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code), function.Value);
        ulong target = symbols.FindByName(callee)!.Value;
        while (decoder.IP < function.Value + function.Size)
        {
            decoder.Decode(out Instruction instruction);
            if (instruction.FlowControl == FlowControl.Call && instruction.NearBranchTarget == target)
                return instruction.NextIP;
        }
        throw new InvalidOperationException($"{caller} does not call {callee}");
    }

    /// <summary>Iced's Intel syntax for the instruction, with a branch target named after its symbol.</summary>
    private static string ExpectedText(ElfImage image, SymbolTable symbols, ulong address)
    {
        byte[] code = new byte[16];
        Assert.True(image.TryReadBytes(address, code));
        Decoder.Create(64, new ByteArrayCodeReader(code), address).Decode(out Instruction instruction);
        var output = new StringOutput();
        new IntelFormatter().Format(instruction, output);
        string text = output.ToStringAndReset();
        if (instruction.FlowControl is FlowControl.UnconditionalBranch or FlowControl.ConditionalBranch or FlowControl.Call
            && symbols.TryLookup(instruction.NearBranchTarget, out SymbolLookup target) && target.Offset == 0)
            text = text.Replace($"{instruction.NearBranchTarget:X16}h", target.Symbol.Name);
        return text;
    }
}
