namespace Minnow.Qemu.Symbolization;

/// <summary>
/// Runs the DW_CFA_* program of a CIE and an FDE up to a code address and returns the row in effect
/// there. Covers what gcc, clang and ilc emit for x86-64 (DWARF 5, 6.4.2); an unknown opcode or a
/// malformed operand raises <see cref="ElfFormatException"/>.
/// </summary>
public static class CallFrameInstructionInterpreter
{
    private const byte AdvanceLoc = 0x40;
    private const byte OffsetPrimary = 0x80;
    private const byte RestorePrimary = 0xc0;

    private const byte Nop = 0x00;
    private const byte SetLoc = 0x01;
    private const byte AdvanceLoc1 = 0x02;
    private const byte AdvanceLoc2 = 0x03;
    private const byte AdvanceLoc4 = 0x04;
    private const byte OffsetExtended = 0x05;
    private const byte RestoreExtended = 0x06;
    private const byte Undefined = 0x07;
    private const byte SameValue = 0x08;
    private const byte RegisterOp = 0x09;
    private const byte RememberState = 0x0a;
    private const byte RestoreState = 0x0b;
    private const byte DefCfa = 0x0c;
    private const byte DefCfaRegister = 0x0d;
    private const byte DefCfaOffset = 0x0e;
    private const byte DefCfaExpression = 0x0f;
    private const byte ExpressionOp = 0x10;
    private const byte OffsetExtendedSf = 0x11;
    private const byte DefCfaSf = 0x12;
    private const byte DefCfaOffsetSf = 0x13;
    private const byte ValOffset = 0x14;
    private const byte ValOffsetSf = 0x15;
    private const byte ValExpression = 0x16;
    private const byte GnuArgsSize = 0x2e;
    private const byte GnuNegativeOffsetExtended = 0x2f;

    /// <summary>The row for <paramref name="pc"/>, which should lie inside the FDE's range.</summary>
    public static UnwindRow ComputeRow(FrameDescriptionEntry fde, ulong pc)
    {
        ArgumentNullException.ThrowIfNull(fde);
        var state = new State(fde.PcBegin);
        Run(fde.Cie.InitialInstructions, fde.Cie.InitialInstructionsAddress, fde, state, pc, initialRules: null);
        RegisterRule[] initialRules = (RegisterRule[])state.Rules.Clone();
        Run(fde.Instructions, fde.InstructionsAddress, fde, state, pc, initialRules);
        return new UnwindRow(state.Location, state.Cfa, state.Rules);
    }

    private static void Run(ReadOnlyMemory<byte> program, ulong programAddress, FrameDescriptionEntry fde, State state, ulong pc, RegisterRule[]? initialRules)
    {
        CommonInformationEntry cie = fde.Cie;
        var cursor = new ByteCursor(program, $"CFI of FDE at .eh_frame+0x{fde.Offset:x}");
        var remembered = new Stack<(CfaRule Cfa, RegisterRule[] Rules)>();
        while (cursor.Remaining > 0)
        {
            byte opcode = cursor.ReadUInt8();
            byte operand = (byte)(opcode & 0x3f);
            switch (opcode & 0xc0)
            {
                case AdvanceLoc:
                    if (!state.Advance(operand * cie.CodeAlignmentFactor, pc))
                        return;
                    continue;
                case OffsetPrimary:
                    state.Set(operand, new RegisterRule(RegisterRuleKind.Offset, (long)cursor.ReadULeb128() * cie.DataAlignmentFactor));
                    continue;
                case RestorePrimary:
                    state.Restore(operand, initialRules);
                    continue;
            }

            switch (opcode)
            {
                case Nop:
                    break;
                case GnuArgsSize:
                    cursor.ReadULeb128(); // size of outgoing arguments: only matters when resuming execution
                    break;
                case SetLoc:
                    ulong target = DwarfPointerEncoding.Read(ref cursor, cie.PointerEncoding, programAddress);
                    if (target > pc)
                        return;
                    state.Location = target;
                    break;
                case AdvanceLoc1:
                    if (!state.Advance(cursor.ReadUInt8() * cie.CodeAlignmentFactor, pc))
                        return;
                    break;
                case AdvanceLoc2:
                    if (!state.Advance(cursor.ReadUInt16() * cie.CodeAlignmentFactor, pc))
                        return;
                    break;
                case AdvanceLoc4:
                    if (!state.Advance(cursor.ReadUInt32() * cie.CodeAlignmentFactor, pc))
                        return;
                    break;
                case OffsetExtended:
                    state.Set(ReadRegister(ref cursor), new RegisterRule(RegisterRuleKind.Offset, (long)cursor.ReadULeb128() * cie.DataAlignmentFactor));
                    break;
                case OffsetExtendedSf:
                    state.Set(ReadRegister(ref cursor), new RegisterRule(RegisterRuleKind.Offset, cursor.ReadSLeb128() * cie.DataAlignmentFactor));
                    break;
                case GnuNegativeOffsetExtended:
                    state.Set(ReadRegister(ref cursor), new RegisterRule(RegisterRuleKind.Offset, -(long)cursor.ReadULeb128() * cie.DataAlignmentFactor));
                    break;
                case ValOffset:
                    state.Set(ReadRegister(ref cursor), new RegisterRule(RegisterRuleKind.ValueOffset, (long)cursor.ReadULeb128() * cie.DataAlignmentFactor));
                    break;
                case ValOffsetSf:
                    state.Set(ReadRegister(ref cursor), new RegisterRule(RegisterRuleKind.ValueOffset, cursor.ReadSLeb128() * cie.DataAlignmentFactor));
                    break;
                case RestoreExtended:
                    state.Restore(ReadRegister(ref cursor), initialRules);
                    break;
                case Undefined:
                    state.Set(ReadRegister(ref cursor), new RegisterRule(RegisterRuleKind.Undefined));
                    break;
                case SameValue:
                    state.Set(ReadRegister(ref cursor), new RegisterRule(RegisterRuleKind.SameValue));
                    break;
                case RegisterOp:
                    int register = ReadRegister(ref cursor);
                    state.Set(register, new RegisterRule(RegisterRuleKind.Register, Register: ReadRegister(ref cursor)));
                    break;
                case RememberState:
                    remembered.Push((state.Cfa, (RegisterRule[])state.Rules.Clone()));
                    break;
                case RestoreState:
                    if (remembered.Count == 0)
                        throw cursor.Error("DW_CFA_restore_state without a matching DW_CFA_remember_state");
                    (state.Cfa, state.Rules) = remembered.Pop();
                    break;
                case DefCfa:
                    state.Cfa = new CfaRule(ReadRegister(ref cursor), (long)cursor.ReadULeb128());
                    break;
                case DefCfaSf:
                    state.Cfa = new CfaRule(ReadRegister(ref cursor), cursor.ReadSLeb128() * cie.DataAlignmentFactor);
                    break;
                case DefCfaRegister:
                    state.Cfa = state.Cfa with { Register = ReadRegister(ref cursor), IsExpression = false };
                    break;
                case DefCfaOffset:
                    state.Cfa = state.Cfa with { Offset = (long)cursor.ReadULeb128() };
                    break;
                case DefCfaOffsetSf:
                    state.Cfa = state.Cfa with { Offset = cursor.ReadSLeb128() * cie.DataAlignmentFactor };
                    break;
                case DefCfaExpression:
                    SkipBlock(ref cursor);
                    state.Cfa = new CfaRule(0, 0, IsExpression: true);
                    break;
                case ExpressionOp:
                    state.Set(ReadRegister(ref cursor), new RegisterRule(RegisterRuleKind.Expression));
                    SkipBlock(ref cursor);
                    break;
                case ValExpression:
                    state.Set(ReadRegister(ref cursor), new RegisterRule(RegisterRuleKind.ValueExpression));
                    SkipBlock(ref cursor);
                    break;
                default:
                    throw cursor.Error($"unsupported CFI opcode 0x{opcode:x2}");
            }
        }
    }

    private static int ReadRegister(ref ByteCursor cursor) => (int)Math.Min(cursor.ReadULeb128(), int.MaxValue);

    private static void SkipBlock(ref ByteCursor cursor)
    {
        ulong length = cursor.ReadULeb128();
        if (length > (ulong)cursor.Remaining)
            throw cursor.Error("DWARF expression runs past the end of the CFI program");
        cursor.Skip((int)length);
    }

    /// <summary>The row being built; rules for registers beyond 16 (vector registers) are dropped.</summary>
    private sealed class State(ulong location)
    {
        public ulong Location { get; set; } = location;

        public CfaRule Cfa { get; set; }

        public RegisterRule[] Rules { get; set; } = new RegisterRule[UnwindRow.TrackedRegisterCount];

        /// <summary>Moves to the next row; false when that row starts beyond <paramref name="pc"/> (so the current one applies).</summary>
        public bool Advance(ulong delta, ulong pc)
        {
            ulong next = unchecked(Location + delta);
            if (next > pc || next < Location)
                return false;
            Location = next;
            return true;
        }

        public void Set(int register, RegisterRule rule)
        {
            if ((uint)register < (uint)Rules.Length)
                Rules[register] = rule;
        }

        public void Restore(int register, RegisterRule[]? initialRules)
        {
            if ((uint)register < (uint)Rules.Length)
                Rules[register] = initialRules?[register] ?? default;
        }
    }
}
