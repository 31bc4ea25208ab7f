using Minnow.Kernel.Boot;

namespace Minnow.Kernel.Threading;

/// <summary>The usable stack range of the running thread: lowest address (above its guard page) and top.</summary>
public static class StackBounds
{
    public static void Current(out ulong bottom, out ulong top)
    {
        // One thread so far: the boot stack, whose guard page lies just below it.
        bottom = LinkerSymbols.BootStackGuard() + 4096;
        top = LinkerSymbols.BootStackTop();
    }
}
