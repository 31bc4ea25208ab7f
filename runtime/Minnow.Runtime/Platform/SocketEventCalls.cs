using System.Runtime.InteropServices;
using Minnow.Net.Sockets;
using Minnow.Runtime.Memory;
using Minnow.Runtime.Networking;

namespace Minnow.Runtime.Platform;

/// <summary>
/// The sockets engine's event port (epoll in System.Native): edge-triggered events from the
/// socket layer. The engine starts with the first Socket object, network or not, and a failure
/// here would fail its static constructor; so without a network the port is a stand-in whose
/// wait never returns.
/// </summary>
internal static unsafe class SocketEventCalls
{
    private const int EFault = (int)PalError.EFAULT;
    // Not a descriptor the layer hands out (those count up from 64), and not -1 ("not created").
    private const nint NoNetworkPort = int.MaxValue;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_CreateSocketEventPort")]
    private static int CreateSocketEventPort(nint* port)
    {
        if (port == null)
            return EFault;
        if (NetworkRuntime.Sockets is not SocketLayer layer)
        {
            *port = NoNetworkPort;
            return 0;
        }
        PalError error = layer.CreatePort(out int handle);
        *port = error == PalError.SUCCESS ? handle : -1;
        return (int)error;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_CloseSocketEventPort")]
    private static int CloseSocketEventPort(nint port)
    {
        if (port == NoNetworkPort)
            return 0;
        return NetworkRuntime.Sockets is SocketLayer layer ? (int)layer.ClosePort((int)port) : (int)PalError.EBADF;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_CreateSocketEventBuffer")]
    private static int CreateSocketEventBuffer(int count, SocketEvent** buffer)
    {
        if (buffer == null || count < 0)
            return EFault;
        void* memory = NativeHeap.AllocateZeroed((nuint)Math.Max(count, 1), (nuint)sizeof(SocketEvent));
        *buffer = (SocketEvent*)memory;
        return memory == null ? (int)PalError.ENOMEM : 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_FreeSocketEventBuffer")]
    private static int FreeSocketEventBuffer(SocketEvent* buffer)
    {
        NativeHeap.Free(buffer);
        return 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_TryChangeSocketEventRegistration")]
    private static int TryChangeSocketEventRegistration(nint port, nint socket, int currentEvents, int newEvents, nint data)
    {
        if (NetworkRuntime.Sockets is not SocketLayer layer || port == NoNetworkPort)
            return (int)PalError.EBADF;
        return (int)layer.ChangeRegistration((int)port, (int)socket, (SocketEvents)currentEvents, (SocketEvents)newEvents, data);
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_WaitForSocketEvents")]
    private static int WaitForSocketEvents(nint port, SocketEvent* buffer, int* count)
    {
        if (buffer == null || count == null || *count < 0)
            return EFault;
        if (port == NoNetworkPort || NetworkRuntime.Sockets is not SocketLayer layer)
        {
            // No network, so no socket will ever have an event: park the engine thread for good.
            while (true)
                Thread.Sleep(Timeout.Infinite);
        }
        PalError error = layer.WaitForEvents((int)port, new Span<SocketEvent>(buffer, *count), out int written);
        *count = written;
        if (error != PalError.SUCCESS)
        {
            // Any failure would FailFast the engine thread; an empty batch is simply waited for
            // again, so a port that is gone (closed under it) only idles the thread.
            *count = 0;
            Thread.Sleep(1000);
        }
        return 0;
    }
}
