using System.Runtime;
using Minnow.Kernel.Cpu;

namespace Minnow.Kernel.Interrupts;

/// <summary>
/// The C# side of every interrupt entry stub. CPU exceptions that nobody claims (the runtime will
/// claim null dereferences and division by zero to raise .NET exceptions) end in a panic report.
/// </summary>
public static unsafe class InterruptDispatcher
{
    /// <summary>
    /// A hook for the runtime, given the frame and CR2 (the faulting address of a page fault): returns
    /// true when it has handled the fault by redirecting the frame. Never called for a double fault.
    /// </summary>
    public static delegate*<InterruptFrame*, ulong, bool> FaultHook;

    /// <summary>How many interrupt handlers are running: above 1, the interrupted code was itself a handler.</summary>
    public static int NestingDepth { get; private set; }

    [RuntimeExport("MinnowInterrupt")]
    private static void OnInterrupt(InterruptFrame* frame)
    {
        NestingDepth++;
        if (frame->Vector < CpuException.FirstExternal)
        {
            ulong cr2 = CpuInstructions.ReadCr2();
            if (FaultHook == null || frame->Vector == CpuException.DoubleFault || !FaultHook(frame, cr2))
                Panic.FromFault(frame, cr2);
        }
        // External interrupts arrive once interrupt controllers are programmed; nothing is yet.
        NestingDepth--;
    }
}
