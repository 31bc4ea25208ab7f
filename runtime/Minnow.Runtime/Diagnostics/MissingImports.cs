using System.Runtime;

namespace Minnow.Runtime.Diagnostics;

/// <summary>
/// Runtime imports ilc's code references but Minnow does not implement yet. Each fails loudly with
/// its own name, never silently.
/// </summary>
internal static unsafe class MissingImports
{
    [RuntimeExport("RhpWaitForFinalizerRequest")] private static int WaitForFinalizerRequest() { RuntimeFailure.MissingImport("RhpWaitForFinalizerRequest"); return 0; }
    [RuntimeExport("RhpSignalFinalizationComplete")] private static void SignalFinalizationComplete(uint count, uint observed) => RuntimeFailure.MissingImport("RhpSignalFinalizationComplete");
}
