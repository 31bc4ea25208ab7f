using Minnow.Kernel.Cpu;

namespace Minnow.Kernel.Console;

/// <summary>A 16550 UART, polled. COM1 carries the program's console output.</summary>
public struct SerialPort
{
    public const ushort Com1 = 0x3F8;

    private IoPort _base;

    public bool IsPresent { get; private set; }

    public void Initialize(ushort basePort)
    {
        _base = new IoPort(basePort);
        // The scratch register reads back what was written only where a UART exists.
        _base.Offset(7).Write((byte)0x5A);
        IsPresent = _base.Offset(7).ReadByte() == 0x5A;
        if (!IsPresent)
            return;
        _base.Offset(1).Write((byte)0x00);   // no interrupts
        _base.Offset(3).Write((byte)0x80);   // DLAB on
        _base.Offset(0).Write((byte)0x01);   // 115200 baud
        _base.Offset(1).Write((byte)0x00);
        _base.Offset(3).Write((byte)0x03);   // 8N1, DLAB off
        _base.Offset(2).Write((byte)0xC7);   // FIFO on, cleared
        _base.Offset(4).Write((byte)0x03);   // DTR, RTS
    }

    public readonly void Write(byte value)
    {
        if (!IsPresent)
            return;
        var lineStatus = _base.Offset(5);
        // Transmit holding register empty. QEMU's UART is always ready; real ones need the wait.
        for (int spins = 0; spins < 100_000 && (lineStatus.ReadByte() & 0x20) == 0; spins++)
        {
        }
        _base.Write(value);
    }

    public readonly void Write(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
            Write(b);
    }
}
