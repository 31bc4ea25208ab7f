using System.Runtime;
using Minnow.Runtime.Unwinding;

namespace Minnow.Runtime.ExceptionHandling;

/// <summary>
/// The native half of exception dispatch that CoreLib's managed dispatcher (System.Runtime.EH) calls:
/// the stack-frame iterator and the EH clause enumerator. The throw and funclet-call stubs are
/// machine code (build/Minnow.Build/Stubs/Runtime); <see cref="ExceptionStubCallbacks"/> serves them.
/// </summary>
internal static unsafe class ExceptionDispatchExports
{
    [RuntimeExport("RhpSfiInit")]
    private static bool SfiInit(StackFrameIterator* iterator, PalLimitedContext* context, bool instructionFault, bool* intercepted)
    {
        ExceptionThreadState* state = ExceptionThreadState.Current;
        state->WalkingStack = true;
        bool valid = iterator->Init(context, instructionFault);
        state->WalkingStack = false;
        if (intercepted != null)
            *intercepted = false;
        return valid;
    }

    [RuntimeExport("RhpSfiNext")]
    private static bool SfiNext(StackFrameIterator* iterator, uint* collidedClause, bool* unwoundReversePInvoke, bool* intercepted)
    {
        ExceptionThreadState* state = ExceptionThreadState.Current;
        state->WalkingStack = true;
        bool valid = iterator->Next(collidedClause, unwoundReversePInvoke);
        state->WalkingStack = false;
        if (intercepted != null)
            *intercepted = false;
        return valid;
    }

    // MethodRegionInfo: hot start, hot size, cold start, cold size. ilc does not split methods, so
    // clause offsets count from the main body's start, for funclets too.
    [RuntimeExport("RhpEHEnumInitFromStackFrameIterator")]
    private static bool EhEnumInit(StackFrameIterator* iterator, ulong* methodRegion, EhEnumerator* clauses)
    {
        MethodInfo method = iterator->Method;
        methodRegion[0] = method.MainStart;
        methodRegion[1] = 0;
        methodRegion[2] = 0;
        methodRegion[3] = 0;
        return method.IsValid && clauses->Init(method);
    }

    // CoreLib's RhEHClause: kind, try start, try end (offsets), filter, handler, target type.
    [RuntimeExport("RhpEHEnumNext")]
    private static bool EhEnumNext(EhEnumerator* clauses, byte* clause)
    {
        if (!clauses->MoveNext(out EhClause next))
            return false;
        *(uint*)clause = next.Kind;
        *(uint*)(clause + 0x04) = next.TryStartOffset;
        *(uint*)(clause + 0x08) = next.TryEndOffset;
        *(ulong*)(clause + 0x10) = next.FilterAddress;
        *(ulong*)(clause + 0x18) = next.HandlerAddress;
        *(ulong*)(clause + 0x20) = next.TargetType;
        return true;
    }

    /// <summary>The main body's start for an address in managed code (funclets belong to their method), else 0.</summary>
    [RuntimeExport("RhFindMethodStartAddress")]
    private static nint FindMethodStartAddress(nint address) =>
        ManagedCodeMap.TryFindMethod((ulong)address, out MethodInfo method) ? (nint)method.MainStart : 0;
}
