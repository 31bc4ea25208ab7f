using System.Runtime.InteropServices;
using Minnow.Net.Sockets;
using Minnow.Runtime.Networking;

namespace Minnow.Runtime.Platform;

/// <summary>
/// poll() over the standard streams, which are always ready (the serial console never blocks the
/// writer for long), and the socket layer's sockets, which may wait up to the timeout. Returns a
/// PAL error code (0 = success), the count through <c>triggered</c>.
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
        if (triggered == null || (events == null && count > 0))
            return (int)PalError.EFAULT;
        if (timeout < -1)
            return (int)PalError.EINVAL;
        SocketLayer? layer = NetworkRuntime.Sockets;
        bool sockets = false;
        uint ready = 0;
        for (uint i = 0; i < count; i++)
        {
            if (layer is not null && layer.IsSocket(events[i].FileDescriptor))
            {
                sockets = true;
                events[i].TriggeredEvents = 0;
                continue;
            }
            bool open = FileDescriptors.Lookup(events[i].FileDescriptor) != FileDescriptors.Kind.Closed;
            events[i].TriggeredEvents = open ? events[i].Events : PollNval;
            if (events[i].TriggeredEvents != 0)
                ready++;
        }
        if (!sockets)
        {
            *triggered = ready;
            return 0;
        }
        var requests = new PollRequest[count];
        for (uint i = 0; i < count; i++)
            requests[i] = new PollRequest { Fd = events[i].FileDescriptor, Events = (PollEvents)events[i].Events, Triggered = (PollEvents)events[i].TriggeredEvents };
        PalError error = layer!.Poll(requests, timeout, out int socketReady);
        for (uint i = 0; i < count; i++)
            events[i].TriggeredEvents = (short)requests[i].Triggered;
        *triggered = (uint)socketReady;
        return (int)error;
    }
}
