using System.Runtime.InteropServices;

namespace Minnow.Kernel.Threading;

/// <summary>
/// The machine-code half of thread switching (build/Minnow.Build/Stubs/Kernel/ContextSwitchStubs.cs)
/// and the first frame of a new thread, laid out the way the switch stub pops it.
/// </summary>
internal static unsafe class ContextSwitch
{
    /// <summary>Bytes the switch stub leaves at the saved stack pointer: MXCSR and x87 control word, r15, r14, r13, r12, rbx, rbp, return address.</summary>
    public const int SavedRegistersSize = 64;

    private const uint DefaultMxcsr = 0x1F80;       // all SSE exceptions masked, round to nearest
    private const ushort DefaultFpuControl = 0x037F; // x87 likewise, 64-bit precision

    /// <summary>Saves the callee-saved state to the current stack and its pointer to *<paramref name="saveStackPointer"/>, then resumes the thread whose saved stack pointer is <paramref name="stackPointer"/>.</summary>
    [DllImport("minnow", EntryPoint = "minnow_switch_context"), SuppressGCTransition]
    public static extern void Switch(ulong* saveStackPointer, ulong stackPointer, ulong fsBase);

    [DllImport("minnow", EntryPoint = "minnow_thread_trampoline_address"), SuppressGCTransition]
    private static extern ulong TrampolineAddress();

    /// <summary>
    /// Builds, below <paramref name="stackTop"/> (16-byte aligned), the frame a first switch to the
    /// thread pops: zeroed callee-saved registers, default FPU control state, and a return into the
    /// trampoline, which calls the kernel's thread start. Returns the saved stack pointer.
    /// </summary>
    public static ulong BuildInitialFrame(ulong stackTop)
    {
        ulong* top = (ulong*)stackTop;
        top[-1] = 0;                       // the trampoline's own "return address": ends unwinding
        top[-2] = TrampolineAddress();
        for (int slot = 3; slot <= 8; slot++)
            top[-slot] = 0;                // rbp, rbx, r12, r13, r14, r15
        top[-9] = DefaultMxcsr | ((ulong)DefaultFpuControl << 32);
        return (ulong)(top - 9);
    }
}
