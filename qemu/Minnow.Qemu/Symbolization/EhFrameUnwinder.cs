namespace Minnow.Qemu.Symbolization;

/// <summary>
/// Walks a stack with the image's .eh_frame CFI, frame by frame, from a register snapshot and
/// whatever stack memory the reader has. Never throws on bad data: it stops and says why.
/// </summary>
public sealed class EhFrameUnwinder
{
    public const int DefaultMaxFrames = 64;

    // The System V ABI's callee-saved registers: with no CFI rule they hold the same value in the caller.
    private static readonly DwarfRegister[] s_calleeSaved =
        [DwarfRegister.Rbx, DwarfRegister.Rbp, DwarfRegister.R12, DwarfRegister.R13, DwarfRegister.R14, DwarfRegister.R15];

    private readonly EhFrameSection _ehFrame;

    public EhFrameUnwinder(EhFrameSection ehFrame)
    {
        ArgumentNullException.ThrowIfNull(ehFrame);
        _ehFrame = ehFrame;
    }

    public static EhFrameUnwinder FromImage(ElfImage image) => new(EhFrameSection.FromImage(image));

    public UnwindResult Unwind(X64RegisterSet registers, IMemoryReader memory, int maxFrames = DefaultMaxFrames)
    {
        ArgumentNullException.ThrowIfNull(registers);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, 1);

        var frames = new List<UnwoundFrame> { new(0, registers, IsCallerFrame: false) };
        while (true)
        {
            if (frames.Count >= maxFrames)
                return new UnwindResult(frames, UnwindStopReason.FrameLimitReached, $"stopped after {maxFrames} frames");
            (X64RegisterSet? caller, bool callerPcIsExact, UnwindStopReason reason, string detail) = Step(frames[^1], memory);
            if (caller is null)
                return new UnwindResult(frames, reason, detail);
            // A caller of a signal frame resumes at the interrupted instruction itself, not after a call.
            frames.Add(new UnwoundFrame(frames.Count, caller, IsCallerFrame: !callerPcIsExact));
        }
    }

    private (X64RegisterSet? Caller, bool CallerPcIsExact, UnwindStopReason Reason, string Detail) Step(UnwoundFrame frame, IMemoryReader memory)
    {
        X64RegisterSet current = frame.Registers;
        FrameDescriptionEntry? fde = _ehFrame.FindEntry(frame.LookupAddress);
        if (fde is null)
            return Stop(UnwindStopReason.NoFrameDescription, $"no .eh_frame entry covers 0x{frame.Rip:x16}");

        UnwindRow row;
        try
        {
            row = CallFrameInstructionInterpreter.ComputeRow(fde, frame.LookupAddress);
        }
        catch (ElfFormatException e)
        {
            return Stop(UnwindStopReason.InvalidCallFrameInformation, e.Message);
        }

        if (row.Cfa.IsExpression)
            return Stop(UnwindStopReason.UnsupportedRule, $"the CFA at 0x{frame.Rip:x16} is a DWARF expression");
        if (current.Get(row.Cfa.Register) is not ulong cfaBase)
            return Stop(UnwindStopReason.UnknownRegister, $"the CFA at 0x{frame.Rip:x16} is based on r{row.Cfa.Register}, unknown in frame {frame.Index}");
        ulong cfa = unchecked(cfaBase + (ulong)row.Cfa.Offset);

        RegisterRule returnRule = row.GetRule(fde.Cie.ReturnAddressRegister);
        if (returnRule.Kind is RegisterRuleKind.Undefined or RegisterRuleKind.Unspecified)
            return Stop(UnwindStopReason.OutermostFrame, $"the return address at 0x{frame.Rip:x16} is undefined (outermost frame)");
        if (returnRule.Kind is RegisterRuleKind.Expression or RegisterRuleKind.ValueExpression)
            return Stop(UnwindStopReason.UnsupportedRule, $"the return address at 0x{frame.Rip:x16} is a DWARF expression");
        if (!TryRecover(returnRule, fde.Cie.ReturnAddressRegister, cfa, current, memory, out ulong returnAddress))
        {
            return returnRule.Kind == RegisterRuleKind.Offset
                ? Stop(UnwindStopReason.MemoryReadFailed, $"cannot read the return address at 0x{unchecked(cfa + (ulong)returnRule.Offset):x16}")
                : Stop(UnwindStopReason.UnknownRegister, $"the return address at 0x{frame.Rip:x16} is in an unknown register");
        }
        if (returnAddress == 0)
            return Stop(UnwindStopReason.OutermostFrame, "the return address is 0 (outermost frame)");
        if (cfa <= current.Rsp)
            return Stop(UnwindStopReason.InvalidFrame, $"the CFA 0x{cfa:x16} is not above rsp 0x{current.Rsp:x16}");

        var caller = new X64RegisterSet(returnAddress, cfa);
        for (int register = 0; register < UnwindRow.TrackedRegisterCount; register++)
        {
            if (register is (int)DwarfRegister.Rsp or (int)DwarfRegister.ReturnAddress)
                continue;
            RegisterRule rule = row.GetRule(register);
            ulong? value = rule.Kind switch
            {
                RegisterRuleKind.Unspecified => s_calleeSaved.Contains((DwarfRegister)register) ? current.Get(register) : null,
                _ => TryRecover(rule, register, cfa, current, memory, out ulong recovered) ? recovered : null,
            };
            caller = caller.With((DwarfRegister)register, value);
        }
        return (caller, fde.Cie.IsSignalFrame, default, "");
    }

    private static bool TryRecover(RegisterRule rule, int register, ulong cfa, X64RegisterSet current, IMemoryReader memory, out ulong value)
    {
        value = 0;
        switch (rule.Kind)
        {
            case RegisterRuleKind.SameValue when current.Get(register) is ulong same:
                value = same;
                return true;
            case RegisterRuleKind.Offset:
                return memory.TryReadUInt64(unchecked(cfa + (ulong)rule.Offset), out value);
            case RegisterRuleKind.ValueOffset:
                value = unchecked(cfa + (ulong)rule.Offset);
                return true;
            case RegisterRuleKind.Register when current.Get(rule.Register) is ulong other:
                value = other;
                return true;
            default:
                return false;
        }
    }

    private static (X64RegisterSet?, bool, UnwindStopReason, string) Stop(UnwindStopReason reason, string detail) =>
        (null, false, reason, detail);
}
