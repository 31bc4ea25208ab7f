using Minnow.Kernel.Console;
using Minnow.Kernel.Cpu;

namespace Minnow.Kernel.Power;

/// <summary>
/// Ending the VM with a status. Under QEMU the harness adds isa-debug-exit (port 0xF4): QEMU then
/// exits with (status &lt;&lt; 1) | 1. The status is also logged, because a process exit code keeps
/// only 8 bits. Without that device, ACPI soft-off (S5) powers the VM down; failing that, halt.
/// </summary>
public static class PowerControl
{
    private const ushort DebugExitPort = 0xF4;

    public static void Exit(int status)
    {
        KernelLog.Write("exit ");
        KernelLog.WriteDecimal(status);
        KernelLog.WriteLine();
        new IoPort(DebugExitPort).Write((uint)(status & 0xFF));
        AcpiPowerOff.TryPowerOff();
        // The VMM acts on the S5 request asynchronously: give it time before declaring failure.
        var delay = new IoPort(0x80);
        for (int i = 0; i < 100_000; i++)
            delay.Write((byte)0);
        KernelLog.WriteLine("power-off failed: halting");
        CpuInstructions.HaltForever();
    }
}
