using Iced.Intel;

namespace Minnow.Build.Tests;

/// <summary>
/// Runs a stub's machine code on a model CPU: 64-bit registers, CF/ZF/DF, and a small byte memory.
/// It knows only the instructions the memory and barrier stubs use, and refuses anything else, so
/// a rewritten stub fails loudly here rather than passing on behaviour nobody checked.
/// </summary>
internal sealed class StubEmulator
{
    public const ulong MemoryBase = 0x10000;
    private const int MaxSteps = 1_000_000;

    private readonly Dictionary<Register, ulong> _registers = new();
    private bool _carry;
    private bool _zero;
    private bool _direction;

    public StubEmulator(int memorySize) => Memory = new byte[memorySize];

    public byte[] Memory { get; }

    public bool DirectionFlag => _direction;

    public ulong this[Register register]
    {
        get => Read(register);
        set => Write(register, value);
    }

    /// <summary>Runs code (decoded at address 0) until its ret; returns rax.</summary>
    public ulong Call(byte[] code)
    {
        var instructions = Disassembly.Decode(code);
        var byAddress = instructions.Select((instruction, index) => (instruction.IP, index)).ToDictionary(p => p.IP, p => p.index);
        int at = 0;
        for (int step = 0; step < MaxSteps; step++)
        {
            if (at >= instructions.Count)
                throw new InvalidOperationException("ran off the end of the stub without ret");
            var instruction = instructions[at];
            ulong? jump = Execute(instruction);
            if (instruction.Mnemonic == Mnemonic.Ret)
                return Read(Register.RAX);
            at = jump is { } target ? byAddress[target] : at + 1;
        }
        throw new InvalidOperationException($"the stub did not return within {MaxSteps} instructions");
    }

    private ulong? Execute(in Instruction i)
    {
        switch (i.Mnemonic)
        {
            case Mnemonic.Mov when i.Op0Kind == OpKind.Register && i.Op1Kind == OpKind.Register:
                Write(i.Op0Register, Read(i.Op1Register));
                return null;
            case Mnemonic.Mov when i.Op0Kind == OpKind.Register && i.Op1Kind == OpKind.Memory:
                Write(i.Op0Register, Load(EffectiveAddress(i), i.Op0Register.GetSize()));
                return null;
            case Mnemonic.Mov when i.Op0Kind == OpKind.Memory && i.Op1Kind == OpKind.Register:
                Store(EffectiveAddress(i), Read(i.Op1Register), i.Op1Register.GetSize());
                return null;
            case Mnemonic.Mov when i.Op0Kind == OpKind.Register && i.Op1Kind is OpKind.Immediate64 or OpKind.Immediate32 or OpKind.Immediate32to64:
                Write(i.Op0Register, i.GetImmediate(1));
                return null;
            case Mnemonic.Mov when i.Op0Kind == OpKind.Memory && i.Op1Kind == OpKind.Immediate8:
                Store(EffectiveAddress(i), i.GetImmediate(1), 1);
                return null;
            case Mnemonic.Add when i.Op0Kind == OpKind.Register && i.Op1Kind == OpKind.Memory:
                Write(i.Op0Register, Read(i.Op0Register) + Load(EffectiveAddress(i), i.Op0Register.GetSize()));
                return null;
            case Mnemonic.Shr when i.Op0Kind == OpKind.Register && i.Op1Kind == OpKind.Immediate8:
                Write(i.Op0Register, Read(i.Op0Register) >> (int)i.GetImmediate(1));
                return null;
            case Mnemonic.Sub or Mnemonic.Cmp when i.Op0Kind == OpKind.Register && i.Op1Kind == OpKind.Memory:
            {
                ulong left = Read(i.Op0Register), right = Load(EffectiveAddress(i), i.Op0Register.GetSize());
                _carry = left < right;
                _zero = left == right;
                if (i.Mnemonic == Mnemonic.Sub)
                    Write(i.Op0Register, left - right);
                return null;
            }
            case Mnemonic.Lea:
                Write(i.Op0Register, EffectiveAddress(i));
                return null;
            case Mnemonic.Add when i.Op1Kind is OpKind.Immediate8to64 or OpKind.Immediate32to64:
                Write(i.Op0Register, Read(i.Op0Register) + i.GetImmediate(1));
                return null;
            case Mnemonic.Sub or Mnemonic.Cmp when i.Op0Kind == OpKind.Register && i.Op1Kind == OpKind.Register:
            {
                ulong left = Read(i.Op0Register), right = Read(i.Op1Register);
                _carry = left < right;
                _zero = left == right;
                if (i.Mnemonic == Mnemonic.Sub)
                    Write(i.Op0Register, left - right);
                return null;
            }
            case Mnemonic.Jb:
                return _carry ? i.NearBranchTarget : null;
            case Mnemonic.Jae:
                return _carry ? null : i.NearBranchTarget;
            case Mnemonic.Std:
                _direction = true;
                return null;
            case Mnemonic.Cld:
                _direction = false;
                return null;
            case Mnemonic.Movsb or Mnemonic.Movsq when i.HasRepPrefix:
            {
                int size = i.Mnemonic == Mnemonic.Movsq ? 8 : 1;
                for (; Read(Register.RCX) != 0; Write(Register.RCX, Read(Register.RCX) - 1))
                {
                    Store(Read(Register.RDI), Load(Read(Register.RSI), size), size);
                    Step(Register.RSI, size);
                    Step(Register.RDI, size);
                }
                return null;
            }
            case Mnemonic.Stosb or Mnemonic.Stosq when i.HasRepPrefix:
            {
                int size = i.Mnemonic == Mnemonic.Stosq ? 8 : 1;
                for (; Read(Register.RCX) != 0; Write(Register.RCX, Read(Register.RCX) - 1))
                {
                    Store(Read(Register.RDI), Read(Register.RAX), size);
                    Step(Register.RDI, size);
                }
                return null;
            }
            case Mnemonic.And when i.Op0Kind == OpKind.Register && i.Op1Kind is OpKind.Immediate8to64 or OpKind.Immediate32to64 or OpKind.Immediate8to32 or OpKind.Immediate32:
                Write(i.Op0Register, Read(i.Op0Register) & i.GetImmediate(1));
                return null;
            case Mnemonic.Sub when i.Op0Kind == OpKind.Register && i.Op1Kind is OpKind.Immediate8to64 or OpKind.Immediate32to64:
                Write(i.Op0Register, Read(i.Op0Register) - i.GetImmediate(1));
                return null;
            case Mnemonic.Movzx when i.Op0Kind == OpKind.Register && i.Op1Kind == OpKind.Register:
                Write(i.Op0Register, Read(i.Op1Register));
                return null;
            case Mnemonic.Imul when i.OpCount == 2 && i.Op1Kind == OpKind.Register:
                Write(i.Op0Register, Read(i.Op0Register) * Read(i.Op1Register));
                return null;
            case Mnemonic.Ret:
                return null;
            default:
                throw new NotSupportedException($"the emulator does not know \"{Disassembly.Format([i])[0]}\"");
        }
    }

    private void Step(Register register, int size) => Write(register, _direction ? Read(register) - (ulong)size : Read(register) + (ulong)size);

    private ulong EffectiveAddress(in Instruction i)
    {
        if (i.IsIPRelativeMemoryOperand || i.MemorySegment is Register.FS or Register.GS)
            throw new NotSupportedException("rip-relative and fs/gs operands are not modelled");
        ulong address = i.MemoryDisplacement64;
        if (i.MemoryBase != Register.None)
            address += Read(i.MemoryBase);
        if (i.MemoryIndex != Register.None)
            address += Read(i.MemoryIndex) * (ulong)i.MemoryIndexScale;
        return address;
    }

    private ulong Read(Register register)
    {
        ulong full = _registers.GetValueOrDefault(register.GetFullRegister());
        return register.GetSize() switch
        {
            8 => full,
            4 => full & 0xFFFF_FFFF,
            2 => full & 0xFFFF,
            1 when register is Register.AH or Register.BH or Register.CH or Register.DH => (full >> 8) & 0xFF,
            1 => full & 0xFF,
            var size => throw new NotSupportedException($"{size}-byte register {register}"),
        };
    }

    private void Write(Register register, ulong value)
    {
        var full = register.GetFullRegister();
        _registers[full] = register.GetSize() switch
        {
            8 => value,
            4 => value & 0xFFFF_FFFF, // 32-bit writes zero the upper half
            2 => (_registers.GetValueOrDefault(full) & ~0xFFFFUL) | (value & 0xFFFF),
            1 => (_registers.GetValueOrDefault(full) & ~0xFFUL) | (value & 0xFF),
            var size => throw new NotSupportedException($"{size}-byte register {register}"),
        };
    }

    private ulong Load(ulong address, int size)
    {
        ulong value = 0;
        for (int b = size - 1; b >= 0; b--)
            value = (value << 8) | Memory[Offset(address + (ulong)b)];
        return value;
    }

    private void Store(ulong address, ulong value, int size)
    {
        for (int b = 0; b < size; b++)
            Memory[Offset(address + (ulong)b)] = (byte)(value >> (8 * b));
    }

    private int Offset(ulong address) =>
        address >= MemoryBase && address - MemoryBase < (ulong)Memory.Length
            ? (int)(address - MemoryBase)
            : throw new InvalidOperationException($"the stub touched 0x{address:x}, outside the emulated memory");
}
