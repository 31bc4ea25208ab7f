using System.Runtime.InteropServices;
using Minnow.Net.Sockets;

namespace Minnow.Runtime.Platform;

/// <summary>
/// The socket address helpers behind System.Net.SocketAddress: the Linux sockaddr layout through
/// <see cref="SocketAddressLayout"/>. Most are [SuppressGCTransition] in the class library, so they
/// stay short and allocate nothing.
/// </summary>
internal static unsafe class SocketAddressCalls
{
    private const int EFault = (int)PalError.EFAULT;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetSocketAddressSizes")]
    private static int GetSocketAddressSizes(int* ipv4, int* ipv6, int* unix, int* max)
    {
        if (ipv4 == null || ipv6 == null || unix == null || max == null)
            return EFault;
        *ipv4 = SocketAddressLayout.Ipv4Size;
        *ipv6 = SocketAddressLayout.Ipv6Size;
        *unix = SocketAddressLayout.UnixSize;
        *max = SocketAddressLayout.MaxSize;
        return 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetMaximumAddressSize")]
    private static int GetMaximumAddressSize() => SocketAddressLayout.MaxSize;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetDomainSocketSizes")]
    private static void GetDomainSocketSizes(int* pathOffset, int* pathSize, int* addressSize)
    {
        if (pathOffset != null)
            *pathOffset = SocketAddressLayout.UnixPathOffset;
        if (pathSize != null)
            *pathSize = SocketAddressLayout.UnixPathSize;
        if (addressSize != null)
            *addressSize = SocketAddressLayout.UnixSize;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetAddressFamily")]
    private static int GetAddressFamily(byte* socketAddress, int socketAddressLen, int* addressFamily)
    {
        if (socketAddress == null || addressFamily == null || socketAddressLen < 0)
            return EFault;
        PalError error = SocketAddressLayout.GetAddressFamily(new ReadOnlySpan<byte>(socketAddress, socketAddressLen), out int family);
        if (error == PalError.SUCCESS)
            *addressFamily = family;
        return (int)error;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SetAddressFamily")]
    private static int SetAddressFamily(byte* socketAddress, int socketAddressLen, int addressFamily)
    {
        if (socketAddress == null || socketAddressLen < 0)
            return EFault;
        return (int)SocketAddressLayout.SetAddressFamily(new Span<byte>(socketAddress, socketAddressLen), addressFamily);
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetPort")]
    private static int GetPort(byte* socketAddress, int socketAddressLen, ushort* port)
    {
        if (socketAddress == null || port == null || socketAddressLen < 0)
            return EFault;
        PalError error = SocketAddressLayout.GetPort(new ReadOnlySpan<byte>(socketAddress, socketAddressLen), out ushort value);
        if (error == PalError.SUCCESS)
            *port = value;
        return (int)error;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SetPort")]
    private static int SetPort(byte* socketAddress, int socketAddressLen, ushort port)
    {
        if (socketAddress == null || socketAddressLen < 0)
            return EFault;
        return (int)SocketAddressLayout.SetPort(new Span<byte>(socketAddress, socketAddressLen), port);
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetIPv4Address")]
    private static int GetIPv4Address(byte* socketAddress, int socketAddressLen, uint* address)
    {
        if (socketAddress == null || address == null || socketAddressLen < 0)
            return EFault;
        PalError error = SocketAddressLayout.GetIPv4Address(new ReadOnlySpan<byte>(socketAddress, socketAddressLen), out uint value);
        if (error == PalError.SUCCESS)
            *address = value;
        return (int)error;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SetIPv4Address")]
    private static int SetIPv4Address(byte* socketAddress, int socketAddressLen, uint address)
    {
        if (socketAddress == null || socketAddressLen < 0)
            return EFault;
        return (int)SocketAddressLayout.SetIPv4Address(new Span<byte>(socketAddress, socketAddressLen), address);
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetIPv6Address")]
    private static int GetIPv6Address(byte* socketAddress, int socketAddressLen, byte* address, int addressLen, uint* scopeId)
    {
        if (socketAddress == null || address == null || scopeId == null || socketAddressLen < 0 || addressLen < 0)
            return EFault;
        PalError error = SocketAddressLayout.GetIPv6Address(new ReadOnlySpan<byte>(socketAddress, socketAddressLen), new Span<byte>(address, addressLen), out uint scope);
        if (error == PalError.SUCCESS)
            *scopeId = scope;
        return (int)error;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SetIPv6Address")]
    private static int SetIPv6Address(byte* socketAddress, int socketAddressLen, byte* address, int addressLen, uint scopeId)
    {
        if (socketAddress == null || address == null || socketAddressLen < 0 || addressLen < 0)
            return EFault;
        return (int)SocketAddressLayout.SetIPv6Address(new Span<byte>(socketAddress, socketAddressLen), new ReadOnlySpan<byte>(address, addressLen), scopeId);
    }
}
