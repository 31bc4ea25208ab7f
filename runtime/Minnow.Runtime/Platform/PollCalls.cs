using System.Runtime.InteropServices;

namespace Minnow.Runtime.Platform;

/// <summary>
/// poll() over the standard streams, which are always ready (the serial console never blocks the
/// writer for long). Returns a PAL error code (0 = success), the count through <c>triggered</c>.
/// Sockets extend this with the network stack.
/// </summary>
internal static unsafe class PollCalls
{
    [StructLayout(LayoutKind.Sequential)]
    private struct PollEvent
    {
        public int FileDescriptor;
        public short Events;
        public short TriggeredEvents;
    }

    private const short PollNval = 0x20;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Poll")]
    private static int Poll(PollEvent* events, uint count, int timeout, uint* triggered)
    {
        uint ready = 0;
        for (uint i = 0; i < count; i++)
        {
            bool open = FileDescriptors.Lookup(events[i].FileDescriptor) != FileDescriptors.Kind.Closed;
            events[i].TriggeredEvents = open ? events[i].Events : PollNval;
            if (events[i].TriggeredEvents != 0)
                ready++;
        }
        *triggered = ready;
        return 0;
    }
}
