using System.Runtime;
using Minnow.Kernel;
using Minnow.Kernel.Boot;
using Minnow.Kernel.Console;
using Minnow.Kernel.Power;
using Minnow.Kernel.Threading;
using Minnow.Kernel.Time;
using Minnow.Runtime.Allocation;
using Minnow.Runtime.Collection;
using Minnow.Runtime.ExceptionHandling;

namespace Minnow.Runtime.Startup;

/// <summary>
/// Where the boot stub lands: the kernel prepares the machine, CoreLib initialises its modules
/// (statics, frozen objects, eager class constructors), then the program's Main runs and its
/// result becomes the VM's exit status. The same sequence the stock bootstrapper's main() performs.
/// </summary>
internal static unsafe class Bootstrap
{
    [RuntimeExport("MinnowStart")]
    private static void Start(ulong startInfo)
    {
        KernelStartup.Initialize(startInfo);
        ulong kernelReadyTsc = MonotonicClock.ReadCycles();

        nint* modules = LinkerSymbols.ModulesStart();
        int moduleCount = (int)(LinkerSymbols.ModulesEnd() - modules);
        nint osModule = (nint)LinkerSymbols.ImageStart();
        CoreLibEntryPoints.InitializeModules(osModule, modules, moduleCount, CoreLibEntryPoints.ClasslibFunctions(), CoreLibEntryPoints.ClasslibFunctionCount);
        // CoreLib can now create exception objects: CPU faults in managed code become .NET exceptions.
        HardwareExceptions.Install();

        ulong mainTsc = MonotonicClock.ReadCycles();
        s_kernelReadyTsc = kernelReadyTsc;
        int status = CoreLibEntryPoints.ManagedMain(CommandLine.ArgumentCount, CommandLine.Arguments);
        ulong endTsc = MonotonicClock.ReadCycles();
        Networking.NetworkStartup.DrainBeforeExit();

        if (CommandLine.HasOption("bootstats"u8))
            ReportBootStatistics(mainTsc, endTsc);
        GcStatistics.ReportIfRequested(GcHeap.TotalAllocatedBytes);
        Networking.NetworkStartup.ReportIfRequested();
        PowerControl.Exit(status);
    }

    private static ulong s_kernelReadyTsc;

    private static void ReportBootStatistics(ulong mainTsc, ulong endTsc)
    {
        KernelLog.Write("bootstats kernel-ns=");
        KernelLog.WriteDecimal((long)MonotonicClock.TscToNanoseconds(s_kernelReadyTsc - MonotonicClock.BootTsc));
        KernelLog.Write(" entry-to-main-ns=");
        KernelLog.WriteDecimal((long)MonotonicClock.TscToNanoseconds(mainTsc - MonotonicClock.BootTsc));
        KernelLog.Write(" main-ns=");
        KernelLog.WriteDecimal((long)MonotonicClock.TscToNanoseconds(endTsc - mainTsc));
        KernelLog.Write(" tsc-hz=");
        KernelLog.WriteDecimal((long)MonotonicClock.TscFrequency);
        KernelLog.Write(" idle-ns=");
        KernelLog.WriteDecimal((long)Scheduler.IdleNanoseconds);
        KernelLog.Write(" switches=");
        KernelLog.WriteDecimal((long)Scheduler.SwitchCount);
        KernelLog.Write(" timer-interrupts=");
        KernelLog.WriteDecimal((long)Scheduler.TimerInterruptCount);
        KernelLog.Write(" tsc-source=");
        KernelLog.WriteLine(MonotonicClock.FrequencySource ?? "none");
    }
}
