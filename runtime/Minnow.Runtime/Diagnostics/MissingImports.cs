using System.Runtime;
using Minnow.Kernel.Console;

namespace Minnow.Runtime.Diagnostics;

/// <summary>
/// Runtime imports ilc's code references but Minnow does not implement yet. Each fails loudly with
/// its own name, never silently: exception dispatch belongs to the runtime's next milestone.
/// </summary>
internal static unsafe class MissingImports
{
    [RuntimeExport("RhpThrowEx")]
    private static void ThrowEx(Exception exception)
    {
        KernelLog.Write("exception thrown, but exception dispatch is not implemented yet: ");
        KernelLog.WriteLine(exception.Message);
        RuntimeFailure.MissingImport("RhpThrowEx");
    }

    [RuntimeExport("RhpRethrow")] private static void Rethrow() => RuntimeFailure.MissingImport("RhpRethrow");
    [RuntimeExport("RhpSfiInit")] private static bool SfiInit(void* iterator, void* context, bool instructionFault, bool* fixedUp) { RuntimeFailure.MissingImport("RhpSfiInit"); return false; }
    [RuntimeExport("RhpSfiNext")] private static bool SfiNext(void* iterator, uint* startIndex, bool* unwoundReversePInvoke, bool* fixedUp) { RuntimeFailure.MissingImport("RhpSfiNext"); return false; }
    [RuntimeExport("RhpEHEnumInitFromStackFrameIterator")] private static bool EhEnumInit(void* iterator, void* methodInfo, void* ehEnum) { RuntimeFailure.MissingImport("RhpEHEnumInitFromStackFrameIterator"); return false; }
    [RuntimeExport("RhpEHEnumNext")] private static bool EhEnumNext(void* ehEnum, void* clause) { RuntimeFailure.MissingImport("RhpEHEnumNext"); return false; }
    [RuntimeExport("RhpCallCatchFunclet")] private static nint CallCatchFunclet(object exception, byte* handler, void* registers, void* exInfo) { RuntimeFailure.MissingImport("RhpCallCatchFunclet"); return 0; }
    [RuntimeExport("RhpCallFilterFunclet")] private static bool CallFilterFunclet(object exception, byte* handler, void* registers) { RuntimeFailure.MissingImport("RhpCallFilterFunclet"); return false; }
    [RuntimeExport("RhpCallFinallyFunclet")] private static void CallFinallyFunclet(byte* handler, void* registers) => RuntimeFailure.MissingImport("RhpCallFinallyFunclet");
    [RuntimeExport("RhpGetClasslibFunctionFromCodeAddress")] private static nint ClasslibFromCode(nint address, int id) { RuntimeFailure.MissingImport("RhpGetClasslibFunctionFromCodeAddress"); return 0; }
    [RuntimeExport("RhpGetClasslibFunctionFromEEType")] private static nint ClasslibFromType(nint methodTable, int id) { RuntimeFailure.MissingImport("RhpGetClasslibFunctionFromEEType"); return 0; }
    [RuntimeExport("RhpGetThreadAbortException")] private static nint GetThreadAbortException() { RuntimeFailure.MissingImport("RhpGetThreadAbortException"); return 0; }
    [RuntimeExport("RhFindMethodStartAddress")] private static nint FindMethodStartAddress(nint address) { RuntimeFailure.MissingImport("RhFindMethodStartAddress"); return 0; }
    [RuntimeExport("RhpGetCurrentThreadStackTrace")] private static int GetCurrentThreadStackTrace(nint* buffer, uint length, nuint addressInFrame) { RuntimeFailure.MissingImport("RhpGetCurrentThreadStackTrace"); return 0; }
}
