using Minnow.Kernel.Interrupts;
using Minnow.Kernel.Memory;
using Minnow.Runtime.Unwinding;

namespace Minnow.Runtime.ExceptionHandling;

/// <summary>
/// Turns CPU faults in managed code into .NET exceptions, as the stock runtime's signal handler does
/// on Linux: the interrupted frame is rewritten to continue at RhpThrowHwEx with an exception code,
/// so the fault's registers become the throw's context. Everything else stays a kernel panic.
/// <list type="bullet">
/// <item>#PF below 4 KiB (the unmapped page 0) in managed code: NullReferenceException. ilc compiles
/// for Linux, where the JIT leaves null checks implicit only for field offsets below half a page
/// (maxUncheckedOffsetForNullObject = 2047), so every implicit null check faults in page 0; the stock
/// linux-x64 handler uses the same 4 KiB bound. 64 KiB (Windows' reservation, Linux's mmap_min_addr)
/// would not add anything: Minnow maps 4 KiB-64 KiB, so no fault can occur there.</item>
/// <item>The same fault at a helper stub's known dereference of a caller's pointer (write barriers,
/// interface dispatch): the stub's return is simulated and the caller gets the NullReferenceException.</item>
/// <item>#DE in managed code: DivideByZeroException, or OverflowException when the divisor was not
/// zero (INT_MIN / -1).</item>
/// </list>
/// Faults in stubs, in an interrupt handler, in the runtime's own stack walk, or while handling a
/// fault stay panics. "Managed code" is all code ilc compiled, so Minnow's own C# (the kernel and
/// runtime code that programs call into) counts too, as CoreLib's runtime code does in the stock runtime.
/// </summary>
internal static unsafe class HardwareExceptions
{
    private const uint NullReference = 0x0000_0000;
    private const uint HelperNullReference = 0x0000_0042;
    private const uint IntegerDivideByZero = 0xC000_0094;
    private const uint IntegerOverflow = 0xC000_0095;
    private const ulong NullPageLimit = PhysicalMemory.PageSize;

    /// <summary>Installs the hook; from then on, managed code must be able to throw (CoreLib is initialised).</summary>
    public static void Install() => InterruptDispatcher.FaultHook = &OnFault;

    // A fault inside this hook, or in any other handler, arrives nested (depth above 1) and stays a panic.
    private static bool OnFault(InterruptFrame* frame, ulong faultAddress) =>
        InterruptDispatcher.NestingDepth == 1 && !ExceptionThreadState.Current->WalkingStack && TryRedirect(frame, faultAddress);

    private static bool TryRedirect(InterruptFrame* frame, ulong faultAddress)
    {
        ulong faultingIp = frame->Rip;
        uint code;
        switch (frame->Vector)
        {
            case CpuException.PageFault:
                if (faultAddress >= NullPageLimit)
                    return false;
                if (ManagedCodeMap.Contains(faultingIp))
                {
                    code = NullReference;
                }
                else if (ExceptionCodeAddresses.IsHelperFaultLocation(faultingIp))
                {
                    // Nothing is pushed at these instructions: the caller's return address is at rsp.
                    ulong returnAddress = *(ulong*)frame->Rsp;
                    if (!ManagedCodeMap.Contains(returnAddress - 1))
                        return false;
                    frame->Rsp += 8;
                    faultingIp = returnAddress;
                    code = HelperNullReference;
                }
                else
                {
                    return false;
                }
                break;
            case CpuException.DivideError:
                if (!ManagedCodeMap.Contains(faultingIp))
                    return false;
                var machine = new InterruptedMachine(frame);
                code = DivideInstruction.HasNonZeroDivisor(new ReadOnlySpan<byte>((void*)faultingIp, 15), faultingIp, ref machine)
                    ? IntegerOverflow
                    : IntegerDivideByZero;
                break;
            default:
                return false;
        }
        frame->Rip = ExceptionCodeAddresses.HardwareExceptionEntry;
        frame->Rdi = code;
        frame->Rsi = faultingIp;
        return true;
    }

    /// <summary>The registers the interrupt entry saved, and memory, for decoding the divisor.</summary>
    private readonly struct InterruptedMachine(InterruptFrame* frame) : DivideInstruction.IOperandSource
    {
        public ulong ReadRegister(int register) => register switch
        {
            0 => frame->Rax,
            1 => frame->Rcx,
            2 => frame->Rdx,
            3 => frame->Rbx,
            4 => frame->Rsp,
            5 => frame->Rbp,
            6 => frame->Rsi,
            7 => frame->Rdi,
            8 => frame->R8,
            9 => frame->R9,
            10 => frame->R10,
            11 => frame->R11,
            12 => frame->R12,
            13 => frame->R13,
            14 => frame->R14,
            _ => frame->R15,
        };

        public ulong ReadMemory(ulong address, int size) => size switch
        {
            1 => *(byte*)address,
            2 => *(ushort*)address,
            4 => *(uint*)address,
            _ => *(ulong*)address,
        };
    }
}
