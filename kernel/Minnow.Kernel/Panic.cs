using Minnow.Kernel.Boot;
using Minnow.Kernel.Console;
using Minnow.Kernel.Interrupts;
using Minnow.Kernel.Memory;
using Minnow.Kernel.Power;

namespace Minnow.Kernel;

/// <summary>
/// The last words of a kernel that cannot go on: the fault, registers, the code bytes at rip and a
/// raw stack dump, in the line format the harness's symbolizer parses (qemu/Minnow.Qemu/Symbolization)
/// to print method names, the disassembled instruction and an unwound stack trace.
/// </summary>
public static unsafe class Panic
{
    /// <summary>The exit status of an image that panicked (documented in README.md).</summary>
    public const int ExitStatus = 250;
    private const int StackWords = 512;
    private static bool s_inPanic;

    public static void Fail(string reason)
    {
        BeginReport(reason);
        KernelLog.WriteLine();
        KernelLog.WriteLine("end-panic");
        PowerControl.Exit(ExitStatus);
    }

    public static void FromFault(InterruptFrame* frame, ulong cr2)
    {
        BeginReport(CpuException.Name(frame->Vector));
        if (frame->Vector == CpuException.PageFault || frame->Vector == CpuException.GeneralProtection || frame->Vector == CpuException.DoubleFault)
        {
            KernelLog.Write(" error=");
            KernelLog.WriteHex(frame->ErrorCode);
        }
        if (frame->Vector == CpuException.DoubleFault && IsGuardPage(cr2))
            KernelLog.Write(": stack overflow (guard page hit)");
        else if (frame->Vector == CpuException.PageFault && cr2 < PhysicalMemory.PageSize)
            KernelLog.Write(": null pointer dereference");
        KernelLog.WriteLine();

        KernelLog.Write("rip="); KernelLog.WriteHex(frame->Rip);
        KernelLog.Write(" rsp="); KernelLog.WriteHex(frame->Rsp);
        KernelLog.Write(" rbp="); KernelLog.WriteHex(frame->Rbp);
        KernelLog.Write(" rflags="); KernelLog.WriteHex(frame->Rflags);
        KernelLog.Write(" cr2="); KernelLog.WriteHex(cr2);
        KernelLog.WriteLine();
        Register("rax", frame->Rax); Register(" rbx", frame->Rbx); Register(" rcx", frame->Rcx); Register(" rdx", frame->Rdx);
        Register(" rsi", frame->Rsi); Register(" rdi", frame->Rdi); Register(" r8", frame->R8); Register(" r9", frame->R9);
        Register(" r10", frame->R10); Register(" r11", frame->R11); Register(" r12", frame->R12); Register(" r13", frame->R13);
        Register(" r14", frame->R14); Register(" r15", frame->R15);
        KernelLog.WriteLine();

        if (PageTables.IsMapped(frame->Rip) && PageTables.IsMapped(frame->Rip + 15))
        {
            KernelLog.Write("code ");
            KernelLog.WriteHex(frame->Rip);
            KernelLog.Write(":");
            for (int i = 0; i < 16; i++)
            {
                KernelLog.Write(" ");
                KernelLog.WriteHexByte(((byte*)frame->Rip)[i]);
            }
            KernelLog.WriteLine();
        }

        ulong sp = frame->Rsp & ~7UL;
        if (!PageTables.IsMapped(sp))
            sp = (sp | (PhysicalMemory.PageSize - 1)) + 1;   // overflowed into a guard page: dump what lies above it
        for (int line = 0; line < StackWords / 8; line++)
        {
            ulong at = sp + (ulong)line * 64;
            if (!PageTables.IsMapped(at) || !PageTables.IsMapped(at + 63))
                break;
            KernelLog.Write("stack ");
            KernelLog.WriteHex(at);
            KernelLog.Write(":");
            for (int w = 0; w < 8; w++)
            {
                KernelLog.Write(" ");
                KernelLog.WriteHex(((ulong*)at)[w]);
            }
            KernelLog.WriteLine();
        }
        KernelLog.WriteLine("end-panic");
        PowerControl.Exit(ExitStatus);
    }

    private static void BeginReport(string kind)
    {
        if (s_inPanic)
        {
            // A fault while reporting a fault: say so and stop, rather than recurse.
            KernelLog.WriteLine("PANIC while panicking");
            PowerControl.Exit(ExitStatus);
        }
        s_inPanic = true;
        KernelLog.Write("PANIC ");
        KernelLog.Write(kind);
    }

    private static void Register(string name, ulong value)
    {
        KernelLog.Write(name);
        KernelLog.Write("=");
        KernelLog.WriteHex(value);
    }

    private static bool IsGuardPage(ulong address) => !PageTables.IsMapped(address) && address >= PhysicalMemory.PageSize;
}
