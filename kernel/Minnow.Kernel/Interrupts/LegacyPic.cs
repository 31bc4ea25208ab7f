using Minnow.Kernel.Cpu;

namespace Minnow.Kernel.Interrupts;

/// <summary>
/// The two 8259 interrupt controllers of a PC (microvm has them with pic=on). Minnow takes its timer
/// interrupt from the local APIC, so the 8259s are only moved out of the way: their vectors away from
/// the CPU exceptions (firmware leaves IRQ 0-7 on vectors 8-15, where a stray one would look like a
/// double fault) and every line masked.
/// </summary>
public static class LegacyPic
{
    private const ushort MasterCommand = 0x20, MasterData = 0x21, SlaveCommand = 0xA0, SlaveData = 0xA1;
    private const byte Initialize = 0x11;   // ICW1: edge triggered, cascade, ICW4 follows
    private const byte Mode8086 = 0x01;     // ICW4

    public static void RemapAndMaskAll(byte firstVector)
    {
        var masterCommand = new IoPort(MasterCommand);
        var masterData = new IoPort(MasterData);
        var slaveCommand = new IoPort(SlaveCommand);
        var slaveData = new IoPort(SlaveData);
        masterCommand.Write(Initialize);
        slaveCommand.Write(Initialize);
        masterData.Write(firstVector);
        slaveData.Write((byte)(firstVector + 8));
        masterData.Write((byte)0x04);   // the slave hangs off IRQ 2
        slaveData.Write((byte)0x02);    // its cascade identity
        masterData.Write(Mode8086);
        slaveData.Write(Mode8086);
        masterData.Write((byte)0xFF);
        slaveData.Write((byte)0xFF);
    }
}
