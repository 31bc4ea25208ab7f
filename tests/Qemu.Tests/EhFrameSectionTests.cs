using Minnow.Qemu.Symbolization;

namespace Minnow.Qemu.Tests;

public class EhFrameSectionTests
{
    private static readonly string[] s_registerNames =
        ["rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip"];

    [Fact]
    public void GccFixture_CiesAndOneFdePerFunction()
    {
        ElfImage image = FixtureFiles.CrashImage;
        EhFrameSection ehFrame = EhFrameSection.FromImage(image);

        Assert.All(ehFrame.CommonEntries, cie =>
        {
            Assert.Equal("zR", cie.Augmentation);
            Assert.Equal(1UL, cie.CodeAlignmentFactor);
            Assert.Equal(-8, cie.DataAlignmentFactor);
            Assert.Equal(16, cie.ReturnAddressRegister);
            Assert.Equal(0x1b, cie.PointerEncoding); // pc-relative sdata4
        });
        foreach (string name in (string[])["leaf", "with_alloca", "shrink_wrapped", "recurse", "main", "_start"])
        {
            ElfSymbol symbol = image.Symbols.Single(s => s.Name == name);
            FrameDescriptionEntry fde = ehFrame.FindEntry(symbol.Value + symbol.Size - 1)!;
            Assert.Equal((symbol.Value, symbol.Value + symbol.Size), (fde.PcBegin, fde.PcEnd));
        }
        Assert.Null(ehFrame.FindEntry(image.Symbols.Single(s => s.Name == "frame_dummy").Value)); // crt code without CFI
    }

    [Fact]
    public void NativeAotFixture_UsesIlcsZlrCie()
    {
        ElfImage image = FixtureFiles.IlcImage;
        EhFrameSection ehFrame = EhFrameSection.FromImage(image);
        ElfSymbol deep = image.Symbols.Single(s => s.Name == "repro_Repro_Shapes_Program__Deep");

        FrameDescriptionEntry fde = ehFrame.FindEntry(deep.Value)!;
        Assert.Equal("zLR", fde.Cie.Augmentation);
        Assert.Equal(deep.Value, fde.PcBegin);
        Assert.True(ehFrame.Entries.Count > 1000);

        // Deep: push rbp; push rbx; push rax, then the body (readelf -wF: rsp+32, rbx c-24, rbp c-16).
        UnwindRow body = CallFrameInstructionInterpreter.ComputeRow(fde, deep.Value + 0x15);
        Assert.Equal(new CfaRule((int)DwarfRegister.Rsp, 32), body.Cfa);
        Assert.Equal(new RegisterRule(RegisterRuleKind.Offset, -24), body[DwarfRegister.Rbx]);
        Assert.Equal(new RegisterRule(RegisterRuleKind.Offset, -16), body[DwarfRegister.Rbp]);
        Assert.Equal(new RegisterRule(RegisterRuleKind.Offset, -8), body[DwarfRegister.ReturnAddress]);
        Assert.Equal(RegisterRuleKind.Unspecified, body[DwarfRegister.R12].Kind);
    }

    [Fact]
    public void GccFixture_RememberAndRestoreState()
    {
        ElfImage image = FixtureFiles.CrashImage;
        ElfSymbol shrinkWrapped = image.Symbols.Single(s => s.Name == "shrink_wrapped");
        FrameDescriptionEntry fde = EhFrameSection.FromImage(image).FindEntry(shrinkWrapped.Value)!;

        // From readelf -wF: the epilogue pops to rsp+8 at +0x4b, and restore_state at +0x4c brings back
        // the body's rsp+32 for the code after the early return.
        Assert.Equal(new CfaRule((int)DwarfRegister.Rsp, 8), CallFrameInstructionInterpreter.ComputeRow(fde, shrinkWrapped.Value + 0x4b).Cfa);
        UnwindRow afterReturn = CallFrameInstructionInterpreter.ComputeRow(fde, shrinkWrapped.Value + 0x4c);
        Assert.Equal(new CfaRule((int)DwarfRegister.Rsp, 32), afterReturn.Cfa);
        Assert.Equal(new RegisterRule(RegisterRuleKind.Offset, -24), afterReturn[DwarfRegister.Rbx]);
    }

    [Theory]
    [InlineData(FixtureFiles.Crash)]
    [InlineData(FixtureFiles.IlcReproImage)]
    public void EveryRowOfEveryFde_MatchesReadelf(string fixture)
    {
        IReadOnlyList<ReadelfCfiOracle.Fde>? oracle = ReadelfCfiOracle.TryRead(FixtureFiles.PathOf(fixture));
        if (oracle is null)
            return; // binutils not installed: nothing to compare against
        EhFrameSection ehFrame = EhFrameSection.FromImage(ElfImage.Load(FixtureFiles.PathOf(fixture)));

        int rowsCompared = 0;
        foreach (ReadelfCfiOracle.Fde expected in oracle)
        {
            FrameDescriptionEntry fde = ehFrame.FindEntry(expected.PcBegin)!;
            Assert.Equal((expected.PcBegin, expected.PcEnd), (fde.PcBegin, fde.PcEnd));
            foreach (ReadelfCfiOracle.Row row in expected.Rows)
            {
                UnwindRow actual = CallFrameInstructionInterpreter.ComputeRow(fde, row.Location);
                string where = $"FDE 0x{fde.PcBegin:x} row 0x{row.Location:x}";
                Assert.True(row.Cfa == Describe(actual.Cfa), $"{where}: CFA {Describe(actual.Cfa)}, readelf {row.Cfa}");
                foreach ((string column, string rule) in row.Registers)
                {
                    int register = column == "ra" ? fde.Cie.ReturnAddressRegister : Array.IndexOf(s_registerNames, column);
                    string ours = Describe(actual.GetRule(register));
                    Assert.True(rule == ours, $"{where}: {column} {ours}, readelf {rule}");
                }
                rowsCompared++;
            }
        }
        Assert.True(rowsCompared > (fixture == FixtureFiles.Crash ? 20 : 3000), $"only {rowsCompared} rows");
    }

    [Fact]
    public void HandWrittenCfi_CoversTheRemainingOpcodes()
    {
        var builder = new EhFrameBuilder(0x500000);
        int cie = builder.AddCie([0x0c, 0x07, 0x08, 0x90, 0x01]); // def_cfa rsp+8; offset ra at cfa-8
        byte[] program =
        [
            0x02, 0x10,                   // advance_loc1 16            -> 0x401010
            0x12, 0x06, 0x7e,             // def_cfa_sf rbp, -2*-8 = 16
            0x11, 0x03, 0x7d,             // offset_extended_sf rbx at cfa+(-3*-8)= cfa+24
            0x14, 0x0c, 0x02,             // val_offset r12 = cfa-16
            0x09, 0x0d, 0x00,             // register r13 in rax
            0x08, 0x0e,                   // same_value r14
            0x07, 0x0f,                   // undefined r15
            0x2e, 0x20,                   // GNU_args_size 32
            0x03, 0x10, 0x00,             // advance_loc2 16            -> 0x401020
            0x06, 0x03,                   // restore_extended rbx
            0x05, 0x06, 0x02,             // offset_extended rbp at cfa-16
            0x2f, 0x0c, 0x01,             // GNU_negative_offset_extended r12 at cfa+8
            0x10, 0x08, 0x02, 0x70, 0x00, // expression r8 (DW_OP_breg0 0)
            0x16, 0x09, 0x01, 0x96,       // val_expression r9 (DW_OP_nop)
            0x04, 0x20, 0x00, 0x00, 0x00, // advance_loc4 32            -> 0x401040
            0x0d, 0x07,                   // def_cfa_register rsp
            0x13, 0x7c,                   // def_cfa_offset_sf -4*-8 = 32
            0xc6,                         // restore rbp
            0x01, 0x00, 0x00, 0x00, 0x00, // set_loc (pc-relative sdata4) -> 0x401080, filled in below
            0x0f, 0x02, 0x77, 0x08,       // def_cfa_expression (DW_OP_breg7 8)
        ];
        int setLocOperand = builder.AddFde(cie, 0x401000, 0x400, program) + program.Length - 8; // after the set_loc opcode
        byte[] section = builder.Build();
        BitConverter.TryWriteBytes(section.AsSpan(setLocOperand, 4), (int)(0x401080 - (long)(builder.SectionAddress + (ulong)setLocOperand)));
        EhFrameSection ehFrame = EhFrameSection.Parse(section, builder.SectionAddress);
        FrameDescriptionEntry fde = Assert.Single(ehFrame.Entries);

        UnwindRow first = CallFrameInstructionInterpreter.ComputeRow(fde, 0x40100f);
        Assert.Equal(new CfaRule((int)DwarfRegister.Rsp, 8), first.Cfa);

        UnwindRow second = CallFrameInstructionInterpreter.ComputeRow(fde, 0x401010);
        Assert.Equal(0x401010UL, second.Location);
        Assert.Equal(new CfaRule((int)DwarfRegister.Rbp, 16), second.Cfa);
        Assert.Equal(new RegisterRule(RegisterRuleKind.Offset, 24), second[DwarfRegister.Rbx]);
        Assert.Equal(new RegisterRule(RegisterRuleKind.ValueOffset, -16), second[DwarfRegister.R12]);
        Assert.Equal(new RegisterRule(RegisterRuleKind.Register, Register: 0), second[DwarfRegister.R13]);
        Assert.Equal(RegisterRuleKind.SameValue, second[DwarfRegister.R14].Kind);
        Assert.Equal(RegisterRuleKind.Undefined, second[DwarfRegister.R15].Kind);

        UnwindRow third = CallFrameInstructionInterpreter.ComputeRow(fde, 0x40103f);
        Assert.Equal(RegisterRuleKind.Unspecified, third[DwarfRegister.Rbx].Kind); // restored to the CIE's (no) rule
        Assert.Equal(new RegisterRule(RegisterRuleKind.Offset, -16), third[DwarfRegister.Rbp]);
        Assert.Equal(new RegisterRule(RegisterRuleKind.Offset, 8), third[DwarfRegister.R12]);
        Assert.Equal(RegisterRuleKind.Expression, third[DwarfRegister.R8].Kind);
        Assert.Equal(RegisterRuleKind.ValueExpression, third[DwarfRegister.R9].Kind);

        UnwindRow fourth = CallFrameInstructionInterpreter.ComputeRow(fde, 0x401050);
        Assert.Equal(new CfaRule((int)DwarfRegister.Rsp, 32), fourth.Cfa);
        Assert.Equal(RegisterRuleKind.Unspecified, fourth[DwarfRegister.Rbp].Kind);

        UnwindRow last = CallFrameInstructionInterpreter.ComputeRow(fde, 0x401100);
        Assert.Equal(0x401080UL, last.Location);
        Assert.True(last.Cfa.IsExpression);
    }

    [Fact]
    public void UnknownOpcode_IsAFormatError()
    {
        var builder = new EhFrameBuilder(0x500000);
        builder.AddFde(builder.AddCie([0x0c, 0x07, 0x08]), 0x401000, 0x10, [0x3f]);
        FrameDescriptionEntry fde = EhFrameSection.Parse(builder.Build(), builder.SectionAddress).Entries.Single();

        var error = Assert.Throws<ElfFormatException>(() => CallFrameInstructionInterpreter.ComputeRow(fde, 0x401000));
        Assert.Contains("unsupported CFI opcode 0x3f", error.Message);
    }

    [Fact]
    public void MalformedSections_FailCleanly()
    {
        byte[] real = FixtureFiles.CrashImage.GetSectionData(FixtureFiles.CrashImage.FindSection(".eh_frame")!).ToArray();
        Assert.Throws<ElfFormatException>(() => EhFrameSection.Parse(real[..^40], 0x402000)); // cut inside an entry
        var random = new Random(42);
        for (int trial = 0; trial < 2000; trial++)
        {
            byte[] bytes = (byte[])real.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            try
            {
                EhFrameSection ehFrame = EhFrameSection.Parse(bytes, 0x402000);
                foreach (FrameDescriptionEntry fde in ehFrame.Entries)
                    CallFrameInstructionInterpreter.ComputeRow(fde, fde.PcEnd - 1);
            }
            catch (ElfFormatException)
            {
            }
        }
    }

    private static string Describe(CfaRule cfa) =>
        cfa.IsExpression ? "exp" : $"{s_registerNames[cfa.Register]}{cfa.Offset:+0;-0}";

    /// <summary>Our rule in readelf -wF's notation.</summary>
    private static string Describe(RegisterRule rule) => rule.Kind switch
    {
        RegisterRuleKind.Unspecified or RegisterRuleKind.Undefined => "u",
        RegisterRuleKind.SameValue => "s",
        RegisterRuleKind.Offset => $"c{rule.Offset:+0;-0}",
        RegisterRuleKind.ValueOffset => $"v{rule.Offset:+0;-0}",
        RegisterRuleKind.Register => s_registerNames[rule.Register],
        RegisterRuleKind.Expression => "exp",
        _ => "vexp",
    };
}
