using System.Runtime.CompilerServices;
using Minnow.Runtime.Unwinding;

namespace Minnow.Runtime.ExceptionHandling;

/// <summary>
/// Steps a <see cref="RegDisplay"/> from a managed frame to its caller with the frame's DWARF CFI:
/// SP becomes the CFA, IP the saved return address, and each register the frame saved now points
/// at its save slot (the others keep their pointers: the frame did not change them).
/// </summary>
internal static unsafe class FrameUnwinder
{
    /// <param name="rowPc">The code address whose CFI row applies: the faulting instruction, or a return address minus one.</param>
    public static bool TryUnwind(ref RegDisplay registers, in MethodInfo method, ulong rowPc)
    {
        if (!UnwindCache.TryGetRow(rowPc, method.FdeOffset, out UnwindRow row))
        {
            var fde = FrameDescription.Parse(ManagedCodeMap.EhFrame, ManagedCodeMap.EhFrameAddress, method.FdeOffset);
            if (!fde.IsValid || fde.ReturnAddressColumn != DwarfRegister.ReturnAddress)
                return false;
            if (!CfiInterpreter.TryComputeRow(ManagedCodeMap.EhFrame, ManagedCodeMap.EhFrameAddress, fde, rowPc, out row))
                return false;
            UnwindCache.AddRow(rowPc, method.FdeOffset, row);
        }

        ulong** slots = (ulong**)Unsafe.AsPointer(ref registers);
        ulong cfaBase;
        if (row.CfaRegister == DwarfRegister.Rsp)
        {
            cfaBase = registers.SP;
        }
        else
        {
            int slot = RegDisplay.SlotOf(row.CfaRegister);
            if (slot < 0 || slots[slot] == null)
                return false;
            cfaBase = *slots[slot];
        }
        ulong cfa = cfaBase + (ulong)row.CfaOffset;

        RegisterRule returnAddress = row.Rules[DwarfRegister.ReturnAddress];
        if (returnAddress.Kind != RegisterRuleKind.Offset)
            return false;
        for (int register = 0; register <= DwarfRegister.R15; register++)
        {
            RegisterRule rule = row.Rules[register];
            if (register == DwarfRegister.Rsp || rule.Kind == RegisterRuleKind.SameValue)
                continue;
            if (rule.Kind != RegisterRuleKind.Offset)
                return false;   // pointer-based register sets can only follow registers saved in memory
            slots[RegDisplay.SlotOf(register)] = (ulong*)(cfa + (ulong)rule.Value);
        }
        registers.IP = *(ulong*)(cfa + (ulong)returnAddress.Value);
        registers.SP = cfa;
        return true;
    }
}
