using System.Runtime;
using Minnow.Kernel.Cpu;

namespace Minnow.Kernel.Interrupts;

/// <summary>
/// The C# side of every interrupt entry stub. CPU exceptions that nobody claims (the runtime will
/// claim null dereferences and division by zero to raise .NET exceptions) end in a panic report.
/// </summary>
public static unsafe class InterruptDispatcher
{
    /// <summary>A hook for the runtime: returns true when it has handled (redirected) the fault.</summary>
    public static delegate*<InterruptFrame*, bool> FaultHook;

    [RuntimeExport("MinnowInterrupt")]
    private static void OnInterrupt(InterruptFrame* frame)
    {
        if (frame->Vector < CpuException.FirstExternal)
        {
            if (FaultHook != null && frame->Vector != CpuException.DoubleFault && FaultHook(frame))
                return;
            Panic.FromFault(frame, CpuInstructions.ReadCr2());
        }
        // External interrupts arrive once interrupt controllers are programmed; nothing is yet.
    }
}
