using System.Runtime.CompilerServices;

namespace Minnow.Runtime.Unwinding;

/// <summary>
/// Runs a CIE's initial instructions and an FDE's instructions (DWARF 5 §6.4.2, as .eh_frame uses
/// them) up to a code address and yields the row in effect there. The CIE's row is computed once and
/// reused (every ilc FDE shares one CIE). Allocation-free, and nothing is zeroed that is not used: the
/// remember/restore stack is two rows deep, more than any compiler's prolog/epilog needs. DWARF
/// expressions are not supported (neither ilc nor Minnow's code uses them): the result is then invalid.
/// </summary>
[SkipLocalsInit]
internal static class CfiInterpreter
{
    private const int MaxRememberedRows = 2;

    /// <summary>The row the CIE's initial instructions establish: the state at each FDE's first instruction.</summary>
    public static bool TryComputeInitialRow(ReadOnlySpan<byte> section, ulong sectionAddress, in CommonInformationEntry cie, out UnwindRow row)
    {
        row = default;
        row.CfaRegister = -1;
        var cursor = new DwarfCursor(Instructions(section, cie.InitialInstructionsOffset, cie.InitialInstructionsLength), sectionAddress, cie.InitialInstructionsOffset);
        var position = new Position { Location = 0, CodeAlignment = cie.CodeAlignment, DataAlignment = cie.DataAlignment };
        Unsafe.SkipInit(out Remembered stack);
        UnwindRow none = default;
        return Run(ref cursor, ref position, ref stack, ref row, in none, ulong.MaxValue) && !cursor.Failed;
    }

    /// <summary>The row for <paramref name="pc"/> in the FDE whose code starts at <paramref name="pcBegin"/>; false when the instructions are malformed or unsupported.</summary>
    public static bool TryComputeRow(ReadOnlySpan<byte> section, ulong sectionAddress, in CommonInformationEntry cie, in UnwindRow initialRow,
        ulong pcBegin, int instructionsOffset, int instructionsLength, ulong pc, out UnwindRow row)
    {
        row = initialRow;
        var cursor = new DwarfCursor(Instructions(section, instructionsOffset, instructionsLength), sectionAddress, instructionsOffset);
        var position = new Position { Location = pcBegin, CodeAlignment = cie.CodeAlignment, DataAlignment = cie.DataAlignment };
        Unsafe.SkipInit(out Remembered stack);
        if (!Run(ref cursor, ref position, ref stack, ref row, in initialRow, pc))
            return false;
        return row.CfaRegister >= 0 && row.CfaRegister < UnwindRow.ColumnCount;
    }

    private static ReadOnlySpan<byte> Instructions(ReadOnlySpan<byte> section, int offset, int length) =>
        offset >= 0 && length >= 0 && offset <= section.Length - length ? section.Slice(0, offset + length) : default;

    private struct Position
    {
        public ulong Location;
        public ulong CodeAlignment;
        public long DataAlignment;
        public int Depth;
    }

    [InlineArray(MaxRememberedRows)]
    private struct Remembered
    {
        private UnwindRow _first;
    }

    /// <summary>Executes instructions while the location stays at or below <paramref name="pc"/>.</summary>
    private static bool Run(ref DwarfCursor cursor, ref Position state, ref Remembered stack, ref UnwindRow row, in UnwindRow initialRow, ulong pc)
    {
        while (cursor.Position < cursor.Length && !cursor.Failed)
        {
            byte opcode = cursor.ReadUInt8();
            byte operand = (byte)(opcode & 0x3F);
            switch (opcode >> 6)
            {
                case 1:     // DW_CFA_advance_loc
                    if (!Advance(ref state, operand * state.CodeAlignment, pc))
                        return true;
                    continue;
                case 2:     // DW_CFA_offset
                    if (!SetRule(ref row, operand, RegisterRuleKind.Offset, (long)cursor.ReadULeb128() * state.DataAlignment))
                        return false;
                    continue;
                case 3:     // DW_CFA_restore
                    if (operand >= UnwindRow.ColumnCount)
                        return false;
                    row.Rules[operand] = initialRow.Rules[operand];
                    continue;
            }
            switch (opcode)
            {
                case 0x00:  // DW_CFA_nop
                    break;
                case 0x01:  // DW_CFA_set_loc
                    ulong target = cursor.ReadUInt64();
                    if (target > pc)
                        return true;
                    state.Location = target;
                    break;
                case 0x02:  // DW_CFA_advance_loc1
                    if (!Advance(ref state, cursor.ReadUInt8() * state.CodeAlignment, pc))
                        return true;
                    break;
                case 0x03:  // DW_CFA_advance_loc2
                    if (!Advance(ref state, cursor.ReadUInt16() * state.CodeAlignment, pc))
                        return true;
                    break;
                case 0x04:  // DW_CFA_advance_loc4
                    if (!Advance(ref state, cursor.ReadUInt32() * state.CodeAlignment, pc))
                        return true;
                    break;
                case 0x05:  // DW_CFA_offset_extended
                    if (!SetRule(ref row, cursor.ReadULeb128(), RegisterRuleKind.Offset, (long)cursor.ReadULeb128() * state.DataAlignment))
                        return false;
                    break;
                case 0x06:  // DW_CFA_restore_extended
                    ulong restored = cursor.ReadULeb128();
                    if (restored >= UnwindRow.ColumnCount)
                        return false;
                    row.Rules[(int)restored] = initialRow.Rules[(int)restored];
                    break;
                case 0x07:  // DW_CFA_undefined
                    if (!SetRule(ref row, cursor.ReadULeb128(), RegisterRuleKind.Undefined, 0))
                        return false;
                    break;
                case 0x08:  // DW_CFA_same_value
                    if (!SetRule(ref row, cursor.ReadULeb128(), RegisterRuleKind.SameValue, 0))
                        return false;
                    break;
                case 0x09:  // DW_CFA_register
                    if (!SetRule(ref row, cursor.ReadULeb128(), RegisterRuleKind.Register, (long)cursor.ReadULeb128()))
                        return false;
                    break;
                case 0x0A:  // DW_CFA_remember_state
                    if (state.Depth == MaxRememberedRows)
                        return false;
                    stack[state.Depth++] = row;
                    break;
                case 0x0B:  // DW_CFA_restore_state (the CFA rule is restored too, as GCC and LLVM expect)
                    if (state.Depth == 0)
                        return false;
                    row = stack[--state.Depth];
                    break;
                case 0x0C:  // DW_CFA_def_cfa
                    row.CfaRegister = (int)Math.Min(cursor.ReadULeb128(), int.MaxValue);
                    row.CfaOffset = (long)cursor.ReadULeb128();
                    break;
                case 0x0D:  // DW_CFA_def_cfa_register
                    row.CfaRegister = (int)Math.Min(cursor.ReadULeb128(), int.MaxValue);
                    break;
                case 0x0E:  // DW_CFA_def_cfa_offset
                    row.CfaOffset = (long)cursor.ReadULeb128();
                    break;
                case 0x11:  // DW_CFA_offset_extended_sf
                    if (!SetRule(ref row, cursor.ReadULeb128(), RegisterRuleKind.Offset, cursor.ReadSLeb128() * state.DataAlignment))
                        return false;
                    break;
                case 0x12:  // DW_CFA_def_cfa_sf
                    row.CfaRegister = (int)Math.Min(cursor.ReadULeb128(), int.MaxValue);
                    row.CfaOffset = cursor.ReadSLeb128() * state.DataAlignment;
                    break;
                case 0x13:  // DW_CFA_def_cfa_offset_sf
                    row.CfaOffset = cursor.ReadSLeb128() * state.DataAlignment;
                    break;
                case 0x14:  // DW_CFA_val_offset
                    if (!SetRule(ref row, cursor.ReadULeb128(), RegisterRuleKind.ValueOffset, (long)cursor.ReadULeb128() * state.DataAlignment))
                        return false;
                    break;
                case 0x15:  // DW_CFA_val_offset_sf
                    if (!SetRule(ref row, cursor.ReadULeb128(), RegisterRuleKind.ValueOffset, cursor.ReadSLeb128() * state.DataAlignment))
                        return false;
                    break;
                case 0x2E:  // DW_CFA_GNU_args_size: only matters to callers that pop arguments
                    cursor.ReadULeb128();
                    break;
                case 0x2F:  // DW_CFA_GNU_negative_offset_extended
                    if (!SetRule(ref row, cursor.ReadULeb128(), RegisterRuleKind.Offset, -(long)cursor.ReadULeb128() * state.DataAlignment))
                        return false;
                    break;
                default:    // expressions (0x0F, 0x10, 0x16) and vendor extensions
                    return false;
            }
        }
        return !cursor.Failed;
    }

    /// <summary>Moves the location on; false once it passes <paramref name="pc"/> (the row for pc is complete).</summary>
    private static bool Advance(ref Position state, ulong delta, ulong pc)
    {
        ulong next = state.Location + delta;
        if (next > pc)
            return false;
        state.Location = next;
        return true;
    }

    private static bool SetRule(ref UnwindRow row, ulong register, RegisterRuleKind kind, long value)
    {
        if (register >= UnwindRow.ColumnCount)
            return register < 64;   // vector registers and the like: not needed to unwind, ignored
        row.Rules[(int)register].Kind = kind;
        row.Rules[(int)register].Value = value;
        return true;
    }
}
