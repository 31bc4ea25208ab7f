using System.Runtime;
using Minnow.Kernel.Console;
using Minnow.Kernel.Cpu;

namespace Minnow.Kernel.Interrupts;

/// <summary>
/// The C# side of every interrupt entry stub. CPU exceptions that nobody claims (the runtime will
/// claim null dereferences and division by zero to raise .NET exceptions) end in a panic report.
/// External interrupts (vectors 32-47) go to the handler registered for their vector; a handler
/// acknowledges its own interrupt (it may switch threads before returning, so the dispatcher cannot
/// do it afterwards). Handlers run with interrupts off, on the interrupted thread's stack.
/// </summary>
public static unsafe class InterruptDispatcher
{
    private const int ExternalVectorCount = 16;

    /// <summary>
    /// A hook for the runtime, given the frame and CR2 (the faulting address of a page fault): returns
    /// true when it has handled the fault by redirecting the frame. Never called for a double fault.
    /// </summary>
    public static delegate*<InterruptFrame*, ulong, bool> FaultHook;

    private static delegate*<InterruptFrame*, void>* s_handlers;
    private static bool s_reportedUnexpected;

    /// <summary>Installs the handler for external vector <paramref name="vector"/> (32-47); false when out of range or out of memory.</summary>
    public static bool Register(int vector, delegate*<InterruptFrame*, void> handler)
    {
        if (vector < CpuException.FirstExternal || vector >= CpuException.FirstExternal + ExternalVectorCount)
            return false;
        if (s_handlers == null)
        {
            ulong page = Memory.PhysicalMemory.AllocatePages(1);
            if (page == 0)
                return false;
            s_handlers = (delegate*<InterruptFrame*, void>*)page;
        }
        s_handlers[vector - CpuException.FirstExternal] = handler;
        return true;
    }

    [RuntimeExport("MinnowInterrupt")]
    private static void OnInterrupt(InterruptFrame* frame)
    {
        if (frame->Vector < CpuException.FirstExternal)
        {
            ulong cr2 = CpuInstructions.ReadCr2();
            if (FaultHook != null && frame->Vector != CpuException.DoubleFault && FaultHook(frame, cr2))
                return;
            Panic.FromFault(frame, cr2);
        }
        // The APIC's spurious vector needs no acknowledgement; neither do the masked 8259s' strays.
        if (frame->Vector == LocalApic.SpuriousVector)
            return;
        int index = (int)frame->Vector - CpuException.FirstExternal;
        if (s_handlers != null && index < ExternalVectorCount && s_handlers[index] != null)
        {
            s_handlers[index](frame);
            return;
        }
        if (!s_reportedUnexpected)
        {
            s_reportedUnexpected = true;
            KernelLog.Write("interrupt on vector ");
            KernelLog.WriteDecimal((long)frame->Vector);
            KernelLog.WriteLine(" has no handler; ignored");
        }
        if (LocalApic.IsAvailable)
            LocalApic.EndOfInterrupt();
    }
}
