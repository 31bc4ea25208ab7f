namespace Minnow.Runtime.ExceptionHandling;

/// <summary>
/// Decodes the x86-64 DIV/IDIV instruction that raised a divide error (#DE) far enough to find its
/// divisor operand: prefixes, opcode F6/F7 with ModRM.reg 6 or 7, and a register or memory operand
/// (SIB, displacement, RIP-relative). #DE means either division by zero or a quotient that does not
/// fit (INT_MIN / -1); .NET throws DivideByZeroException for the first and OverflowException for
/// the second, as the stock runtime does after the same check.
/// </summary>
internal static class DivideInstruction
{
    /// <summary>The interrupted machine state the operand is read from.</summary>
    public interface IOperandSource
    {
        /// <summary>General register 0-15 in encoding order (rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8-r15).</summary>
        ulong ReadRegister(int register);

        ulong ReadMemory(ulong address, int size);
    }

    /// <summary>
    /// True when the instruction at <paramref name="code"/> divides by a non-zero value (so the fault
    /// was an overflow); false for a zero divisor or when the bytes are not a DIV/IDIV.
    /// </summary>
    /// <param name="code">The faulting instruction's bytes (at least 15, the longest x86 instruction).</param>
    /// <param name="address">Where the instruction is (for RIP-relative operands).</param>
    /// <param name="machine">A struct, so that reading the operand allocates nothing (this runs in a fault handler).</param>
    public static bool HasNonZeroDivisor<TSource>(ReadOnlySpan<byte> code, ulong address, ref TSource machine)
        where TSource : struct, IOperandSource
    {
        int position = 0;
        bool operandSize16 = false;
        byte rex = 0;
        while (position < code.Length)
        {
            byte prefix = code[position];
            if (prefix == 0x66)
                operandSize16 = true;
            else if (prefix is not (0x67 or 0xF0 or 0xF2 or 0xF3 or 0x2E or 0x36 or 0x3E or 0x26 or 0x64 or 0x65))
                break;
            position++;
        }
        if (position < code.Length && (code[position] & 0xF0) == 0x40)
            rex = code[position++];
        if (position + 1 >= code.Length)
            return false;
        byte opcode = code[position++];
        if (opcode is not (0xF6 or 0xF7))
            return false;
        byte modRm = code[position++];
        int mod = modRm >> 6, reg = (modRm >> 3) & 7, rm = modRm & 7;
        if (reg is not (6 or 7))
            return false;
        int size = opcode == 0xF6 ? 1 : (rex & 0x08) != 0 ? 8 : operandSize16 ? 2 : 4;

        ulong divisor;
        if (mod == 3)
        {
            int register = rm | ((rex & 0x01) << 3);
            ulong value = machine.ReadRegister(register);
            // Without REX, byte registers 4-7 are ah, ch, dh, bh.
            if (size == 1 && rex == 0 && register >= 4)
                value = machine.ReadRegister(register - 4) >> 8;
            divisor = value;
        }
        else
        {
            ulong effective;
            if (rm == 4)
            {
                if (position >= code.Length)
                    return false;
                byte sib = code[position++];
                int scale = sib >> 6, index = ((sib >> 3) & 7) | ((rex & 0x02) << 2), baseRegister = (sib & 7) | ((rex & 0x01) << 3);
                effective = index == 4 ? 0 : machine.ReadRegister(index) << scale;
                if ((sib & 7) == 5 && mod == 0)
                    effective += (ulong)(long)ReadInt32(code, ref position);
                else
                    effective += machine.ReadRegister(baseRegister);
            }
            else if (rm == 5 && mod == 0)
            {
                long displacement = ReadInt32(code, ref position);
                effective = address + (ulong)position + (ulong)displacement;    // DIV/IDIV have no immediate
            }
            else
            {
                effective = machine.ReadRegister(rm | ((rex & 0x01) << 3));
            }
            if (mod == 1)
                effective += (ulong)(long)(sbyte)(position < code.Length ? code[position++] : 0);
            else if (mod == 2)
                effective += (ulong)(long)ReadInt32(code, ref position);
            if (position > code.Length)
                return false;
            divisor = machine.ReadMemory(effective, size);
        }
        ulong mask = size == 8 ? ulong.MaxValue : (1UL << (size * 8)) - 1;
        return (divisor & mask) != 0;
    }

    private static int ReadInt32(ReadOnlySpan<byte> code, ref int position)
    {
        if (position + 4 > code.Length)
        {
            position = code.Length + 1;
            return 0;
        }
        int value = code[position] | code[position + 1] << 8 | code[position + 2] << 16 | code[position + 3] << 24;
        position += 4;
        return value;
    }
}
