using System.Runtime.InteropServices;
using Minnow.Kernel;
using Minnow.Kernel.Console;
using Minnow.Runtime.Unwinding;

namespace Minnow.Runtime.ExceptionHandling;

/// <summary>
/// CoreLib's StackFrameIterator (NativeAOT 10.0.12 amd64 Unix, 0x168 bytes): CoreLib's dispatcher
/// reads FramePointer, ControlPC, the REGDISPLAY, OriginalControlPC and PreviousTransitionFrame;
/// the rest is this runtime's. It walks managed frames with their DWARF CFI and knows the stub frames
/// that exception dispatch puts on the stack (shared/notes/exception-dispatch.md §6):
/// <list type="bullet">
/// <item>An EH walk (for the dispatcher's two passes) reports ControlPC as the return address minus
/// one, so a call at the end of a try region counts as inside it. Leaving a catch or finally funclet
/// through its call stub "collides" with the ExInfo whose dispatch is running that funclet: the walk
/// continues from that dispatch's position (the funclet's parent frame), skipping the frames the
/// other exception is already unwinding. It ends at a reverse P/Invoke frame (exceptions never cross one).</item>
/// <item>A stack-trace walk reports return addresses, skips the parent frames of funclets, passes
/// through the dispatcher's frames to the throw site, and stops at the first reverse P/Invoke frame.</item>
/// </list>
/// Allocation-free: it runs inside the dispatcher, where a collection must not start.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 0x168)]
internal unsafe struct StackFrameIterator
{
    private const uint EhWalk = 1;
    private const uint StackTraceWalk = 2;
    private const uint ActiveFrame = 4;
    private const uint ExCollide = 8;
    private const uint UnwoundReversePInvoke = 0x10;
    private const uint WalkKinds = EhWalk | StackTraceWalk;
    private const int CatchCallLocals = 7;
    private const int FinallyCallLocals = 3;
    private const int FilterCallLocals = 1;

    // 0x00-0x0F: the runtime's.
    [FieldOffset(0x00)] private ExInfo* _nextExInfo;
    [FieldOffset(0x08)] private uint _flags;

    // Read by CoreLib.
    [FieldOffset(0x10)] public ulong FramePointer;
    [FieldOffset(0x18)] public ulong ControlPC;
    [FieldOffset(0x20)] public RegDisplay Registers;

    // 0xA8-0x157: the runtime's.
    [FieldOffset(0xA8)] private MethodInfo _method;
    [FieldOffset(0xD0)] private ulong _pendingFuncletFramePointer;
    [FieldOffset(0xD8)] private FuncletRegisters _funcletRegisters;

    // Read by CoreLib.
    [FieldOffset(0x158)] public ulong OriginalControlPC;
    [FieldOffset(0x160)] public nint PreviousTransitionFrame;

    /// <summary>The callee-saved register pointers a funclet returned with, kept across the dispatcher's frames.</summary>
    private struct FuncletRegisters
    {
        public ulong* Rbp, Rbx, R12, R13, R14, R15;
    }

    public readonly MethodInfo Method => _method;
    public readonly bool IsValid => ControlPC != 0;

    /// <summary>
    /// Starts an EH walk at <paramref name="context"/> (a throw stub's), or a stack-trace walk at the
    /// thread's recorded stack-trace context when it is null. False when the context is not managed code.
    /// </summary>
    public bool Init(PalLimitedContext* context, bool instructionFault)
    {
        uint kind = EhWalk;
        if (context == null)
        {
            context = ExceptionThreadState.Current->StackTraceContext;
            kind = StackTraceWalk;
            if (context == null)
                Panic.Fail("stack-trace walk requested without a recorded context (RhpGetCurrentThreadStackTrace)");
        }
        InitFromContext(context, kind, ExceptionThreadState.Current->ExInfoHead);
        if (kind == EhWalk && instructionFault)
            _flags |= ActiveFrame;
        if (!ComputeMethodState())
            return false;
        AdjustControlPC();
        return true;
    }

    /// <summary>
    /// Moves to the caller's frame. <paramref name="collidedClause"/> receives the clause index of the
    /// dispatch this walk collided with (or 0xFFFFFFFF); <paramref name="unwoundReversePInvoke"/>
    /// whether an EH walk just left a reverse P/Invoke frame (the new frame is then native).
    /// </summary>
    public bool Next(uint* collidedClause, bool* unwoundReversePInvoke)
    {
        ExInfo* colliding = _nextExInfo;
        bool exCollide = false;
        _flags &= ~(ExCollide | UnwoundReversePInvoke);
        PreviousTransitionFrame = 0;
        while (IsValid)
        {
            exCollide = false;
            ulong collapseFramePointer = 0;
            MethodInfo method = _method;
            if (method.IsReversePInvoke)
            {
                if ((_flags & StackTraceWalk) != 0)
                {
                    Invalidate();
                    break;
                }
                UnwindWithCfi(method);
                _flags |= UnwoundReversePInvoke;
                _method = default;
                FramePointer = 0;
                break;
            }

            ulong funcletFramePointer = FramePointer;
            UnwindWithCfi(method);
            var site = ExceptionCodeAddresses.Classify(ControlPC);
            if (method.IsFunclet)
            {
                if (site is ExceptionCodeAddresses.ReturnSite.CatchFuncletCall or ExceptionCodeAddresses.ReturnSite.FinallyFuncletCall)
                {
                    // Left a funclet that exception dispatch invoked: the dispatcher's frames are next.
                    _pendingFuncletFramePointer = funcletFramePointer;
                    SaveFuncletRegisters();
                    UnwindFuncletCall(site == ExceptionCodeAddresses.ReturnSite.CatchFuncletCall ? CatchCallLocals : FinallyCallLocals);
                    exCollide = (_flags & EhWalk) != 0;
                }
                else if (site == ExceptionCodeAddresses.ReturnSite.FilterFuncletCall)
                {
                    UnwindFuncletCall(FilterCallLocals);
                }
                else if (site == ExceptionCodeAddresses.ReturnSite.None && ManagedCodeMap.Contains(ControlPC - 1))
                {
                    // A funclet its parent called directly (a finally on the normal path).
                    if ((_flags & StackTraceWalk) != 0)
                        collapseFramePointer = funcletFramePointer;
                }
                else
                {
                    Fail("unexpected return address out of a funclet", ControlPC);
                }
            }
            else if (site == ExceptionCodeAddresses.ReturnSite.ThrowSite)
            {
                if ((_flags & EhWalk) != 0)
                    Fail("an exception is propagating across a throw site", ControlPC);
                UnwindThrowSite();
                exCollide = _nextExInfo != null && Registers.SP > (ulong)_nextExInfo;
            }
            else if (site != ExceptionCodeAddresses.ReturnSite.None)
            {
                Fail("unexpected funclet-call return address out of a method body", ControlPC);
            }
            else if (!ManagedCodeMap.Contains(ControlPC - 1))
            {
                // The caller is not managed code (a stub that entered the runtime): the managed stack ends.
                Invalidate();
                break;
            }

            if (exCollide)
                collapseFramePointer = Collide(_nextExInfo);
            if (!ComputeMethodState())
                break;
            if (collapseFramePointer == 0)
            {
                if (exCollide)
                    _flags |= ExCollide;
                AdjustControlPC();
                break;
            }
            // Stack-trace walks report a method once: skip the funclet's parent, which has its frame pointer.
            if (FramePointer != collapseFramePointer)
                Fail("a funclet's parent frame has a different frame pointer", ControlPC);
        }

        if (collidedClause != null)
        {
            if ((_flags & ExCollide) != 0)
            {
                *collidedClause = colliding->CurrentClause;
                colliding->Kind |= ExInfo.SupersededFlag;
            }
            else
            {
                *collidedClause = ExInfo.NoClause;
            }
        }
        if (unwoundReversePInvoke != null)
            *unwoundReversePInvoke = (_flags & UnwoundReversePInvoke) != 0;
        return IsValid;
    }

    private void InitFromContext(PalLimitedContext* context, uint kind, ExInfo* exInfoHead)
    {
        this = default;
        _flags = kind;
        _nextExInfo = exInfoHead;
        ResetNextExInfo(context->Rsp);
        Registers.Seed(context);
        SetControlPC(context->IP);
    }

    private void SetControlPC(ulong pc)
    {
        ControlPC = pc;
        OriginalControlPC = pc;
        _flags &= ~ActiveFrame;
    }

    private void Invalidate()
    {
        ControlPC = 0;
        _method = default;
        FramePointer = 0;
    }

    /// <summary>The next ExInfo is the first one at or above <paramref name="sp"/>: ExInfos live in their throw's frame.</summary>
    private void ResetNextExInfo(ulong sp)
    {
        while (_nextExInfo != null && sp > (ulong)_nextExInfo)
            _nextExInfo = _nextExInfo->Previous;
    }

    /// <summary>Looks up the current frame's method (a return address belongs to the call before it) and its frame pointer.</summary>
    private bool ComputeMethodState()
    {
        if (!IsValid)
            return false;
        ulong pc = (_flags & ActiveFrame) != 0 ? OriginalControlPC : OriginalControlPC - 1;
        if (!ManagedCodeMap.TryFindMethod(pc, out _method))
        {
            if ((_flags & StackTraceWalk) == 0 && ManagedCodeMap.Contains(pc))
                Fail("managed code without unwind information", pc);
            Invalidate();
            return false;
        }
        FramePointer = _method.ReportsFramePointer ? *Registers.Rbp : 0;
        return true;
    }

    /// <summary>EH walks test clauses against the return address minus one; a faulting instruction is itself.</summary>
    private void AdjustControlPC()
    {
        if ((_flags & EhWalk) != 0 && (_flags & ActiveFrame) == 0)
            ControlPC = OriginalControlPC - 1;
    }

    private void UnwindWithCfi(in MethodInfo method)
    {
        ulong rowPc = (_flags & ActiveFrame) != 0 ? OriginalControlPC : OriginalControlPC - 1;
        if (!FrameUnwinder.TryUnwind(ref Registers, method, rowPc))
            Fail("cannot unwind a managed frame with its CFI", OriginalControlPC);
        SetControlPC(Registers.IP);
    }

    private void SaveFuncletRegisters()
    {
        _funcletRegisters.Rbp = Registers.Rbp;
        _funcletRegisters.Rbx = Registers.Rbx;
        _funcletRegisters.R12 = Registers.R12;
        _funcletRegisters.R13 = Registers.R13;
        _funcletRegisters.R14 = Registers.R14;
        _funcletRegisters.R15 = Registers.R15;
    }

    /// <summary>
    /// Steps over a funclet-call stub's frame (build/Minnow.Build/Stubs/Runtime/FuncletCallStubs.cs):
    /// <paramref name="locals"/> slots, then the pushed rbp, rbx, r12-r15 and the return address into
    /// CoreLib's dispatcher.
    /// </summary>
    private void UnwindFuncletCall(int locals)
    {
        ulong* slot = (ulong*)Registers.SP + locals;
        Registers.Rbp = slot;
        Registers.Rbx = slot + 1;
        Registers.R12 = slot + 2;
        Registers.R13 = slot + 3;
        Registers.R14 = slot + 4;
        Registers.R15 = slot + 5;
        Registers.IP = slot[6];
        Registers.SP = (ulong)(slot + 7);
        SetControlPC(Registers.IP);
    }

    /// <summary>Steps over a throw stub's frame: its ExInfo starts at SP and the thrower's context follows it.</summary>
    private void UnwindThrowSite()
    {
        var exInfo = (ExInfo*)Registers.SP;
        var context = (PalLimitedContext*)(exInfo + 1);
        Registers.Rbp = &context->Rbp;
        Registers.Rbx = &context->Rbx;
        Registers.R12 = &context->R12;
        Registers.R13 = &context->R13;
        Registers.R14 = &context->R14;
        Registers.R15 = &context->R15;
        Registers.Rax = &context->Rax;
        Registers.Rdx = &context->Rdx;
        Registers.IP = context->IP;
        Registers.SP = context->Rsp;
        SetControlPC(context->IP);
        if ((exInfo->Kind & ExInfo.KindMask) == ExInfo.KindHardwareFault)
            _flags |= ActiveFrame;
    }

    /// <summary>
    /// The walk reached the frames of <paramref name="exInfo"/>'s dispatch. If that dispatch is running a
    /// funclet, continue from its iterator (the funclet's parent frame) with the funclet's register
    /// pointers; otherwise (stack-trace walks only) restart at its throw site. Returns the frame pointer
    /// of a parent frame a stack-trace walk must skip, or 0.
    /// </summary>
    private ulong Collide(ExInfo* exInfo)
    {
        ulong funcletFramePointer = _pendingFuncletFramePointer;
        _pendingFuncletFramePointer = 0;
        uint kind = _flags & WalkKinds;
        if (exInfo == null)
            Fail("a funclet-call frame without an exception in flight", ControlPC);
        if (exInfo->PassNumber == 1 || exInfo->CurrentClause == ExInfo.NoClause)
        {
            if (kind == EhWalk)
                Fail("an EH walk reached an exception that is not running a handler", ControlPC);
            InitFromContext(exInfo->Context, kind, exInfo->Previous);
            if ((exInfo->Kind & ExInfo.KindMask) == ExInfo.KindHardwareFault)
                _flags |= ActiveFrame;
            return 0;
        }

        FuncletRegisters funclet = _funcletRegisters;
        this = exInfo->FrameIterator;
        Registers.Rbp = funclet.Rbp;
        Registers.Rbx = funclet.Rbx;
        Registers.R12 = funclet.R12;
        Registers.R13 = funclet.R13;
        Registers.R14 = funclet.R14;
        Registers.R15 = funclet.R15;
        _pendingFuncletFramePointer = 0;
        ResetNextExInfo(Registers.SP);
        ControlPC = OriginalControlPC;
        _flags = kind | (_flags & ActiveFrame);
        return kind == StackTraceWalk ? funcletFramePointer : 0;
    }

    private static void Fail(string reason, ulong address)
    {
        KernelLog.Write("stack walk failed at ");
        KernelLog.WriteHex(address);
        KernelLog.Write(": ");
        KernelLog.WriteLine(reason);
        Panic.Fail(reason);
    }
}
