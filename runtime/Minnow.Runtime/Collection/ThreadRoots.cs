using Minnow.Kernel.Boot;
using Minnow.Runtime.Threading;

namespace Minnow.Runtime.Collection;

/// <summary>
/// How the collector finds the roots threads hold. Stacks and saved registers are scanned
/// conservatively (every aligned word that points into an allocated object keeps it alive); a
/// thread's inlined thread-static base (registered by RhRegisterInlinedThreadStaticRoot) is a precise
/// root. The collecting thread's own stack is scanned from the collector's entry (below which only
/// the collector's frames lie) to <c>CurrentStackTop</c>, its callee-saved registers having been
/// spilled there by a stub. Every other thread is the scheduler's to report: it installs
/// <c>ReportThreads</c> with <see cref="Install"/>, and during a collection (interrupts off, every
/// other thread stopped) that callback calls <see cref="ScanStack"/> for each stopped thread's
/// [saved rsp, stack top), <see cref="ScanRegisters"/> for its saved register area, and
/// <see cref="ReportThreadStaticRoot"/> for every thread's thread-static slot, the running thread's
/// included. Until a scheduler installs itself, the boot thread is the only thread.
/// </summary>
internal static unsafe class ThreadRoots
{
    private static delegate*<void> s_reportThreads;
    private static delegate*<nuint> s_currentStackTop;

    public static void Install(delegate*<void> reportThreads, delegate*<nuint> currentStackTop)
    {
        s_reportThreads = reportThreads;
        s_currentStackTop = currentStackTop;
    }

    /// <summary>Conservatively scans the 8-byte-aligned words of [low, high).</summary>
    public static void ScanStack(nuint low, nuint high)
    {
        for (nuint* word = (nuint*)((low + 7) & ~(nuint)7); word + 1 <= (nuint*)high; word++)
            Marker.MarkConservatively(*word);
    }

    /// <summary>Conservatively scans a saved-register area of <paramref name="count"/> words.</summary>
    public static void ScanRegisters(nuint* registers, int count)
    {
        for (int i = 0; i < count; i++)
            Marker.MarkConservatively(registers[i]);
    }

    /// <summary>A TLS slot that holds a thread's inlined thread-static base object.</summary>
    public static void ReportThreadStaticRoot(nint* slot)
    {
        if (slot != null)
            Marker.MarkReference(*slot);
    }

    /// <summary>Collector: every thread's roots; <paramref name="currentStackLow"/> is where the collector's own frames begin.</summary>
    internal static void ScanAll(nuint currentStackLow)
    {
        nuint top = s_currentStackTop != null ? s_currentStackTop() : (nuint)LinkerSymbols.BootStackTop();
        ScanStack(currentStackLow, top);
        if (s_reportThreads != null)
            s_reportThreads();
        else
            ReportThreadStaticRoot(ThreadingExports.InlinedThreadStaticRoot);
    }
}
