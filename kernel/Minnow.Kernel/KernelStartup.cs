using Minnow.Kernel.Boot;
using Minnow.Kernel.Console;
using Minnow.Kernel.Cpu;
using Minnow.Kernel.Interrupts;
using Minnow.Kernel.Memory;
using Minnow.Kernel.Power;
using Minnow.Kernel.Threading;
using Minnow.Kernel.Time;

namespace Minnow.Kernel;

/// <summary>
/// Brings the machine from the boot stub's minimal state to one the runtime can stand on: consoles,
/// CPU features, physical memory, the kernel's page tables (page 0 and stack guards unmapped), GDT,
/// TSS and IDT, thread-local storage, the command line, the wall clock, the interrupt controllers and
/// the scheduler. Runs before the .NET runtime is initialised, so it touches no GC heap and no static
/// constructors.
/// </summary>
public static unsafe class KernelStartup
{
    private static SerialPort s_com1;

    public static SerialPort ProgramConsole => s_com1;

    public static void Initialize(ulong startInfo)
    {
        MonotonicClock.MarkBoot(CpuInstructions.ReadTimeStampCounter());
        s_com1.Initialize(SerialPort.Com1);
        KernelLog.Initialize(s_com1);
        BootInfo.Initialize(startInfo);
        if (!BootInfo.IsValid)
            Halt("no PVH start info: boot this image with a PVH loader (QEMU -kernel)");
        if (!CpuFeatures.CheckAndEnable())
            PowerControl.Exit(Panic.ExitStatus);
        if (!PhysicalMemory.Initialize(LinkerSymbols.ImageEnd()))
            Halt("no usable memory map from the loader");
        if (!PageTables.Initialize(PhysicalMemory.HighestAddress))
            Halt("out of memory while building page tables");
        if (!PageTables.Unmap(LinkerSymbols.BootStackGuard()))
            Halt("cannot place the boot stack's guard page");
        if (!DescriptorTables.Initialize(LinkerSymbols.InterruptEntryTable(), 48))
            Halt("out of memory while building descriptor tables");
        if (!ThreadLocalStorage.InitializeBootThread())
            Halt("out of memory for thread-local storage");
        if (!CommandLine.Parse(BootInfo.CommandLine))
            Halt("out of memory for the command line");
        WallClock.Initialize();

        // Threads: the 8259s out of the way, the local APIC's one-shot timer for preemption and
        // deadlines, the boot thread and the idle thread. From here on interrupts are on.
        LegacyPic.RemapAndMaskAll(CpuException.FirstExternal);
        bool hasTimer = LocalApic.Initialize();
        if (!hasTimer)
            KernelLog.WriteLine("no local APIC: threads switch only when they block or yield");
        if (!Scheduler.Initialize(hasTimer))
            Halt("out of memory for the scheduler");
        InterruptState.Enable();

        KernelLog.Write("memory ");
        KernelLog.WriteDecimal((long)(PhysicalMemory.TotalBytes >> 20));
        KernelLog.Write(" MiB, ");
        KernelLog.WriteDecimal((long)(PhysicalMemory.FreeBytes >> 20));
        KernelLog.Write(" MiB free; cpu");
        KernelLog.Write(CpuFeatures.HasAvx2 ? " avx2" : CpuFeatures.HasAvx ? " avx" : " sse4.2");
        KernelLog.WriteLine();
    }

    private static void Halt(string reason) => Panic.Fail(reason);
}
