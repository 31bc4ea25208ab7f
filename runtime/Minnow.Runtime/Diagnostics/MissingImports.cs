using System.Runtime;

namespace Minnow.Runtime.Diagnostics;

/// <summary>
/// Runtime imports ilc's code references but Minnow does not implement yet. Each fails loudly with
/// its own name, never silently: finalization and the math library belong to the runtime's next
/// milestone. The type loader (initialised for generic virtual methods) references two more that only
/// types built at run time need: the GC descriptors and the interface dispatch cells of new types.
/// </summary>
internal static unsafe class MissingImports
{
    [RuntimeExport("RhpWaitForFinalizerRequest")] private static int WaitForFinalizerRequest() { RuntimeFailure.MissingImport("RhpWaitForFinalizerRequest"); return 0; }
    [RuntimeExport("RhpSignalFinalizationComplete")] private static void SignalFinalizationComplete(uint count, uint observed) => RuntimeFailure.MissingImport("RhpSignalFinalizationComplete");
    [RuntimeExport("exp")] private static double Exp(double x) { RuntimeFailure.MissingImport("exp (libm)"); return 0; }
    [RuntimeExport("log")] private static double Log(double x) { RuntimeFailure.MissingImport("log (libm)"); return 0; }
    [RuntimeExport("RhGetGCDescSize")] private static int GetGcDescSize(void* methodTable) { RuntimeFailure.MissingImport("RhGetGCDescSize"); return 0; }
    [RuntimeExport("RhNewInterfaceDispatchCell")] private static nint NewInterfaceDispatchCell(void* interfaceType, int slot) { RuntimeFailure.MissingImport("RhNewInterfaceDispatchCell"); return 0; }
}
