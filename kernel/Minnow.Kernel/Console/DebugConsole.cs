using Minnow.Kernel.Cpu;

namespace Minnow.Kernel.Console;

/// <summary>
/// QEMU's debugcon at port 0xE9: one out instruction a byte, no status polling. The harness wires it
/// to its kernel log so kernel messages stay apart from the program's output on COM1.
/// </summary>
public struct DebugConsole
{
    private static IoPort Port => new(0xE9);

    public bool IsPresent { get; private set; }

    public void Initialize()
    {
        // The device reads back 0xE9; an absent port reads 0xFF.
        IsPresent = Port.ReadByte() == 0xE9;
    }

    public readonly void Write(byte value)
    {
        if (IsPresent)
            Port.Write(value);
    }
}
