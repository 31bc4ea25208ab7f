using Minnow.Qemu.Symbolization;

namespace Minnow.Qemu.Tests;

public class EhFrameUnwinderTests
{
    [Theory]
    [InlineData(FixtureFiles.Crash, FixtureFiles.Crash)]
    [InlineData(FixtureFiles.IlcRepro, FixtureFiles.IlcReproImage)]
    public void ReproducesGdbsBacktrace(string fixture, string imageName)
    {
        ElfImage image = ElfImage.Load(FixtureFiles.PathOf(imageName));
        PanicReport panic = FixtureFiles.PanicReport(fixture);
        IReadOnlyList<GdbFrame> gdb = FixtureFiles.GdbFrames(fixture);

        UnwindResult result = EhFrameUnwinder.FromImage(image).Unwind(X64RegisterSet.FromNamedValues(panic.Registers), new DumpedStackMemory(panic.StackWords));

        // gdb goes on into libc, which is not in the image: every frame up to the first libc
        // address must agree, and that is where the unwinder stops, with a reason.
        ulong[] expected = gdb.TakeWhile(f => f.Pc < 0x7f0000000000).Select(f => f.Pc).ToArray();
        Assert.True(expected.Length >= 6);
        Assert.Equal(expected.Length + 1, result.Frames.Count);
        for (int i = 0; i <= expected.Length && i < gdb.Count; i++)
        {
            UnwoundFrame frame = result.Frames[i];
            Assert.Equal((gdb[i].Pc, gdb[i].Sp), (frame.Rip, frame.Rsp));
            Assert.Equal(i > 0, frame.IsCallerFrame);
            foreach ((string name, ulong? value) in gdb[i].CalleeSaved)
            {
                ulong? ours = frame.Registers[Enum.Parse<DwarfRegister>(name, ignoreCase: true)];
                Assert.True(ours is null || ours == value, $"frame {i} {name}: 0x{ours:x}, gdb 0x{value:x}");
            }
        }
        Assert.Equal(UnwindStopReason.NoFrameDescription, result.StopReason);
        Assert.Contains($"0x{result.Frames[^1].Rip:x16}", result.StopDetail);
        Assert.False(result.IsComplete);
    }

    [Fact]
    public void StopsAtTheFrameLimit()
    {
        (X64RegisterSet registers, DumpedStackMemory memory) = CrashState();
        UnwindResult result = EhFrameUnwinder.FromImage(FixtureFiles.CrashImage).Unwind(registers, memory, maxFrames: 3);

        Assert.Equal(3, result.Frames.Count);
        Assert.Equal(UnwindStopReason.FrameLimitReached, result.StopReason);
        Assert.True(result.IsComplete);
    }

    [Fact]
    public void StopsWhereTheStackDumpEnds()
    {
        PanicReport panic = FixtureFiles.PanicReport(FixtureFiles.Crash);
        IReadOnlyList<GdbFrame> gdb = FixtureFiles.GdbFrames(FixtureFiles.Crash);
        // Keep the words below frame 2's stack pointer only: frame 2's return address is missing.
        var memory = new DumpedStackMemory(panic.StackWords.Where(w => w.Address < gdb[2].Sp));

        UnwindResult result = EhFrameUnwinder.FromImage(FixtureFiles.CrashImage).Unwind(X64RegisterSet.FromNamedValues(panic.Registers), memory);

        Assert.Equal(3, result.Frames.Count);
        Assert.Equal(UnwindStopReason.MemoryReadFailed, result.StopReason);
        Assert.Contains("cannot read the return address", result.StopDetail);
    }

    [Fact]
    public void StopsAtCodeWithoutAnFde()
    {
        ulong frameDummy = FixtureFiles.CrashImage.Symbols.Single(s => s.Name == "frame_dummy").Value;
        UnwindResult result = EhFrameUnwinder.FromImage(FixtureFiles.CrashImage).Unwind(new X64RegisterSet(frameDummy + 4, 0x7000), new DumpedStackMemory([]));

        Assert.Single(result.Frames);
        Assert.Equal(UnwindStopReason.NoFrameDescription, result.StopReason);
    }

    [Fact]
    public void StopsAtTheOutermostFrame()
    {
        // _start's CIE marks the return address undefined.
        ulong start = FixtureFiles.CrashImage.EntryPoint;
        UnwindResult result = EhFrameUnwinder.FromImage(FixtureFiles.CrashImage).Unwind(new X64RegisterSet(start + 4, 0x7000), new DumpedStackMemory([]));

        Assert.Single(result.Frames);
        Assert.Equal(UnwindStopReason.OutermostFrame, result.StopReason);
        Assert.True(result.IsComplete);
    }

    [Fact]
    public void StopsWhenTheCfaRegisterIsUnknown_OrTheFrameDoesNotMoveUp()
    {
        // with_alloca's body computes the CFA from rbp.
        ElfImage image = FixtureFiles.CrashImage;
        ulong rip = image.Symbols.Single(s => s.Name == "with_alloca").Value + 0x30;
        EhFrameUnwinder unwinder = EhFrameUnwinder.FromImage(image);

        UnwindResult noRbp = unwinder.Unwind(new X64RegisterSet(rip, 0x7000), new DumpedStackMemory([]));
        Assert.Equal(UnwindStopReason.UnknownRegister, noRbp.StopReason);

        var words = Enumerable.Range(0, 64).Select(i => new StackWord(0x6e00 + (ulong)i * 8, 0x401000)).ToList();
        UnwindResult rbpBelowRsp = unwinder.Unwind(new X64RegisterSet(rip, 0x7000).With(DwarfRegister.Rbp, 0x6f00), new DumpedStackMemory(words));
        Assert.Equal(UnwindStopReason.InvalidFrame, rbpBelowRsp.StopReason);
    }

    [Fact]
    public void SignalFrameCallers_AreNotReturnAddresses()
    {
        var builder = new EhFrameBuilder(0x500000);
        int signalCie = builder.AddCie([0x0c, 0x07, 0x08, 0x90, 0x01], augmentation: "zRS");
        builder.AddFde(signalCie, 0x401000, 0x100, []);
        int plainCie = builder.AddCie([0x0c, 0x07, 0x08, 0x90, 0x01]);
        builder.AddFde(plainCie, 0x402000, 0x100, []);
        var unwinder = new EhFrameUnwinder(EhFrameSection.Parse(builder.Build(), builder.SectionAddress));
        var memory = new DumpedStackMemory([new StackWord(0x7000, 0x402000), new StackWord(0x7008, 0)]);

        UnwindResult result = unwinder.Unwind(new X64RegisterSet(0x401010, 0x7000), memory);

        // The interrupted frame resumes at 0x402000 exactly; a return address there would be looked up at 0x401fff.
        Assert.False(result.Frames[1].IsCallerFrame);
        Assert.Equal(0x402000UL, result.Frames[1].LookupAddress);
        Assert.Equal(UnwindStopReason.OutermostFrame, result.StopReason); // return address 0
    }

    [Fact]
    public void DumpedStackMemory_ReadsWordsAndStraddlingWords()
    {
        var memory = new DumpedStackMemory([new StackWord(0x1000, 0x1122334455667788), new StackWord(0x1008, 0x99aabbccddeeff00)]);

        Assert.True(memory.TryReadUInt64(0x1008, out ulong whole));
        Assert.Equal(0x99aabbccddeeff00UL, whole);
        Assert.True(memory.TryReadUInt64(0x1004, out ulong straddling));
        Assert.Equal(0xddeeff0011223344UL, straddling);
        Assert.False(memory.TryReadUInt64(0x100c, out _));
        Assert.False(memory.TryReadUInt64(0x0ff8, out _));
    }

    private static (X64RegisterSet, DumpedStackMemory) CrashState()
    {
        PanicReport panic = FixtureFiles.PanicReport(FixtureFiles.Crash);
        return (X64RegisterSet.FromNamedValues(panic.Registers), new DumpedStackMemory(panic.StackWords));
    }
}
