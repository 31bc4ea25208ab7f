using System.Diagnostics;

namespace Minnow.GpuServer;

/// <summary>
/// ILGPU checks view indices with Trace assertions when its context enables assertions; by default a
/// failed assertion ends the process. This listener, installed once per process (the listener
/// collection is process-wide state), turns it into an <see cref="IndexOutOfRangeException"/> on the
/// thread that ran the kernel, which the launch reports as CUDA's illegal-address error.
/// </summary>
internal sealed class AssertionsAsExceptions : TraceListener
{
    private static readonly Lock s_lock = new();
    private static bool s_installed;

    public static void Install()
    {
        lock (s_lock)
        {
            if (s_installed)
            {
                return;
            }
            Trace.Listeners.Clear();
            Trace.Listeners.Add(new AssertionsAsExceptions());
            s_installed = true;
        }
    }

    public override void Fail(string? message, string? detailMessage) => throw new IndexOutOfRangeException(message ?? "assertion failed");

    public override void Write(string? message)
    {
    }

    public override void WriteLine(string? message)
    {
    }
}
