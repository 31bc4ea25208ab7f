using System.Runtime.InteropServices;
using Minnow.Net;
using Minnow.Net.Sockets;
using Minnow.Runtime.Networking;

namespace Minnow.Runtime.Platform;

/// <summary>
/// The System.Native socket calls (.NET 10 signatures, shared/notes/socket-pal.md): pointers and
/// structs in, calls on <see cref="NetworkRuntime.Sockets"/> out. They return PAL error codes
/// directly; Close/Read/Write/Fcntl* on sockets (-1 and errno) are dispatched here from
/// ConsoleCalls. Without a network every Socket call says EAFNOSUPPORT.
/// </summary>
internal static unsafe class SocketCalls
{
    private const int Success = 0;
    private const int EFault = (int)PalError.EFAULT;

    [StructLayout(LayoutKind.Sequential)]
    private struct IOVector
    {
        public byte* Base;
        public nuint Count;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public byte* SocketAddress;
        public IOVector* IOVectors;
        public byte* ControlBuffer;
        public int SocketAddressLen;
        public int IOVectorCount;
        public int ControlBufferLen;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct LingerOption
    {
        public int OnOff;
        public int Seconds;
    }

    /// <summary>The layer when <paramref name="fd"/> is one of its sockets; otherwise null.</summary>
    private static SocketLayer? Layer(nint fd)
    {
        SocketLayer? layer = NetworkRuntime.Sockets;
        return layer is not null && layer.IsSocket(fd) ? layer : null;
    }

    /// <summary>What a socket call on something else says: ENOTSOCK for the console's descriptors, EBADF otherwise.</summary>
    private static int NotSocket(nint fd) =>
        FileDescriptors.Lookup(fd) != FileDescriptors.Kind.Closed ? (int)PalError.ENOTSOCK : (int)PalError.EBADF;

    public static bool IsSocket(nint fd) => Layer(fd) is not null;

    // ---- -1-and-errno calls on socket descriptors (dispatched from ConsoleCalls) ----

    public static int Close(nint fd)
    {
        PalError error = NetworkRuntime.Sockets!.Close((int)fd);
        return error == PalError.SUCCESS ? 0 : Errno.FailPal((int)error);
    }

    public static int Read(nint fd, byte* buffer, int count)
    {
        if (count < 0 || (buffer == null && count > 0))
            return Errno.Fail(14 /* EFAULT */);
        PalError error = NetworkRuntime.Sockets!.Receive((int)fd, new Span<byte>(buffer, count), 0, out int received);
        return error == PalError.SUCCESS ? received : Errno.FailPal((int)error);
    }

    public static int Write(nint fd, byte* buffer, int count)
    {
        if (count < 0 || (buffer == null && count > 0))
            return Errno.Fail(14 /* EFAULT */);
        PalError error = NetworkRuntime.Sockets!.Send((int)fd, new ReadOnlySpan<byte>(buffer, count), 0, out int sent);
        return error == PalError.SUCCESS ? sent : Errno.FailPal((int)error);
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_FcntlSetIsNonBlocking")]
    private static int FcntlSetIsNonBlocking(nint fd, int isNonBlocking)
    {
        if (Layer(fd) is SocketLayer layer)
        {
            PalError error = layer.SetNonBlocking((int)fd, isNonBlocking != 0);
            return error == PalError.SUCCESS ? 0 : Errno.FailPal((int)error);
        }
        // The console's descriptors never block for long; the flag changes nothing for them.
        return FileDescriptors.Lookup(fd) != FileDescriptors.Kind.Closed ? 0 : Errno.Fail(Errno.EBADF);
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_FcntlGetIsNonBlocking")]
    private static int FcntlGetIsNonBlocking(nint fd, int* isNonBlocking)
    {
        if (isNonBlocking == null)
            return Errno.Fail(14 /* EFAULT */);
        if (Layer(fd) is SocketLayer layer)
        {
            PalError error = layer.GetNonBlocking((int)fd, out bool nonBlocking);
            *isNonBlocking = nonBlocking ? 1 : 0;
            return error == PalError.SUCCESS ? 0 : Errno.FailPal((int)error);
        }
        *isNonBlocking = 0;
        return FileDescriptors.Lookup(fd) != FileDescriptors.Kind.Closed ? 0 : Errno.Fail(Errno.EBADF);
    }

    // FD_CLOEXEC (1) for sockets, as System.Native creates them; close-time unblocking relies on it.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_FcntlGetFD")]
    private static int FcntlGetFD(nint fd)
    {
        if (Layer(fd) is not null)
            return 1;
        return FileDescriptors.Lookup(fd) != FileDescriptors.Kind.Closed ? 0 : Errno.Fail(Errno.EBADF);
    }

    // ---- PAL-error calls ----

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Socket")]
    private static int Socket(int addressFamily, int socketType, int protocolType, nint* socket)
    {
        if (socket == null)
            return EFault;
        *socket = -1;
        if (NetworkRuntime.Sockets is not SocketLayer layer)
            return (int)PalError.EAFNOSUPPORT;
        PalError error = layer.Socket(addressFamily, socketType, protocolType, out int fd);
        if (error == PalError.SUCCESS)
            *socket = fd;
        return (int)error;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetSocketType")]
    private static int GetSocketType(nint socket, int* addressFamily, int* socketType, int* protocolType, int* isListening)
    {
        if (addressFamily == null || socketType == null || protocolType == null || isListening == null)
            return EFault;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        PalError error = layer.GetSocketType((int)socket, out int family, out int type, out int protocol, out bool listening);
        *addressFamily = family;
        *socketType = type;
        *protocolType = protocol;
        *isListening = listening ? 1 : 0;
        return (int)error;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Bind")]
    private static int Bind(nint socket, int protocolType, byte* socketAddress, int socketAddressLen)
    {
        if (socketAddress == null || socketAddressLen < 0)
            return EFault;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        PalError error = SocketAddressLayout.ReadIpv4Endpoint(new ReadOnlySpan<byte>(socketAddress, socketAddressLen), out Ipv4Endpoint local);
        return (int)(error != PalError.SUCCESS ? error : layer.Bind((int)socket, local));
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Listen")]
    private static int Listen(nint socket, int backlog) =>
        Layer(socket) is SocketLayer layer ? (int)layer.Listen((int)socket, backlog) : NotSocket(socket);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Accept")]
    private static int Accept(nint socket, byte* socketAddress, int* socketAddressLen, nint* acceptedFd)
    {
        if (socketAddress == null || socketAddressLen == null || acceptedFd == null || *socketAddressLen < 0)
            return EFault;
        *acceptedFd = -1;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        PalError error = layer.Accept((int)socket, out int accepted, out Ipv4Endpoint remote);
        if (error == PalError.SUCCESS)
        {
            *socketAddressLen = SocketAddressLayout.WriteIpv4Endpoint(new Span<byte>(socketAddress, *socketAddressLen), remote);
            *acceptedFd = accepted;
        }
        return (int)error;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Connect")]
    private static int Connect(nint socket, byte* socketAddress, int socketAddressLen) => ConnectCore(socket, socketAddress, socketAddressLen);

    // Linux's stock Connectx ignores the data and fast open and leaves *sent as the caller set it.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Connectx")]
    private static int Connectx(nint socket, byte* socketAddress, int socketAddressLen, byte* data, int dataLen, int enableTfo, int* sent) =>
        ConnectCore(socket, socketAddress, socketAddressLen);

    private static int ConnectCore(nint socket, byte* socketAddress, int socketAddressLen)
    {
        if (socketAddress == null || socketAddressLen < 0)
            return EFault;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        PalError error = SocketAddressLayout.ReadIpv4Endpoint(new ReadOnlySpan<byte>(socketAddress, socketAddressLen), out Ipv4Endpoint remote);
        return (int)(error != PalError.SUCCESS ? error : layer.Connect((int)socket, remote));
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Disconnect")]
    private static int Disconnect(nint socket) =>
        Layer(socket) is SocketLayer layer ? (int)layer.Disconnect((int)socket) : NotSocket(socket);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Shutdown")]
    private static int Shutdown(nint socket, int how) =>
        Layer(socket) is SocketLayer layer ? (int)layer.Shutdown((int)socket, how) : NotSocket(socket);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Send")]
    private static int Send(nint socket, byte* buffer, int bufferLen, int flags, int* sent)
    {
        if (buffer == null || bufferLen < 0 || sent == null)
            return EFault;
        *sent = 0;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        PalError error = layer.Send((int)socket, new ReadOnlySpan<byte>(buffer, bufferLen), flags, out int count);
        *sent = count;
        return (int)error;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Receive")]
    private static int Receive(nint socket, byte* buffer, int bufferLen, int flags, int* received)
    {
        if (buffer == null || bufferLen < 0 || received == null)
            return EFault;
        *received = 0;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        PalError error = layer.Receive((int)socket, new Span<byte>(buffer, bufferLen), flags, out int count);
        *received = count;
        return (int)error;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SendMessage")]
    private static int SendMessage(nint socket, MessageHeader* header, int flags, long* sent)
    {
        if (header == null || sent == null || header->SocketAddressLen < 0 || header->IOVectorCount < 0
            || (header->IOVectors == null && header->IOVectorCount > 0))
            return EFault;
        *sent = 0;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        int fd = (int)socket;
        Ipv4Endpoint? destination = null;
        if (header->SocketAddress != null && header->SocketAddressLen > 0)
        {
            PalError addressError = SocketAddressLayout.ReadIpv4Endpoint(new ReadOnlySpan<byte>(header->SocketAddress, header->SocketAddressLen), out Ipv4Endpoint to);
            if (addressError != PalError.SUCCESS)
                return (int)addressError;
            destination = to;
        }
        int vectors = header->IOVectorCount;
        if (vectors <= 1)
        {
            ReadOnlySpan<byte> data = vectors == 0 ? default : Vector(header->IOVectors[0]);
            PalError error = layer.SendTo(fd, data, flags, destination, out int count);
            *sent = count;
            return (int)error;
        }
        layer.GetSocketType(fd, out _, out int type, out _, out _);
        if (type != 1)
        {
            // A datagram is one message: gather the pieces.
            byte[] gathered = Gather(header->IOVectors, vectors);
            PalError error = layer.SendTo(fd, gathered, flags, destination, out int count);
            *sent = count;
            return (int)error;
        }
        long total = 0;
        for (int i = 0; i < vectors; i++)
        {
            ReadOnlySpan<byte> data = Vector(header->IOVectors[i]);
            // Only the first piece may block: a stream send returns what it queued.
            PalError error = layer.SendTo(fd, data, i == 0 ? flags : flags | SocketLayer.FlagDontWait, null, out int count);
            if (error != PalError.SUCCESS)
            {
                *sent = total;
                return total > 0 ? Success : (int)error;
            }
            total += count;
            if (count < data.Length)
                break;
        }
        *sent = total;
        return Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_ReceiveMessage")]
    private static int ReceiveMessage(nint socket, MessageHeader* header, int flags, long* received)
    {
        if (header == null || received == null || header->SocketAddressLen < 0 || header->IOVectorCount < 0
            || (header->IOVectors == null && header->IOVectorCount > 0))
            return EFault;
        *received = 0;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        int fd = (int)socket;
        int vectors = header->IOVectorCount;
        PalError error;
        long total = 0;
        Ipv4Endpoint? from = null;
        int messageFlags = 0;
        if (vectors <= 1)
        {
            Span<byte> buffer = vectors == 0 ? default : Vector(header->IOVectors[0]);
            error = layer.ReceiveFrom(fd, buffer, flags, out int count, out from, out messageFlags);
            total = count;
        }
        else
        {
            layer.GetSocketType(fd, out _, out int type, out _, out _);
            if (type != 1)
            {
                int capacity = 0;
                for (int i = 0; i < vectors; i++)
                    capacity = (int)Math.Min((long)capacity + (long)Math.Min(header->IOVectors[i].Count, int.MaxValue), int.MaxValue);
                byte[] scratch = new byte[Math.Min(capacity, 65536)];
                error = layer.ReceiveFrom(fd, scratch, flags, out int count, out from, out messageFlags);
                if (error == PalError.SUCCESS)
                    Scatter(scratch.AsSpan(0, count), header->IOVectors, vectors);
                total = count;
            }
            else
            {
                error = PalError.SUCCESS;
                for (int i = 0; i < vectors; i++)
                {
                    Span<byte> buffer = Vector(header->IOVectors[i]);
                    PalError pieceError = layer.ReceiveFrom(fd, buffer, i == 0 ? flags : flags | SocketLayer.FlagDontWait, out int count, out _, out _);
                    if (pieceError != PalError.SUCCESS)
                    {
                        if (i == 0)
                            error = pieceError;
                        break;
                    }
                    total += count;
                    if (count < buffer.Length)
                        break;
                }
            }
        }
        if (error != PalError.SUCCESS)
            return (int)error;
        *received = total;
        if (header->SocketAddress != null && header->SocketAddressLen > 0 && from is Ipv4Endpoint sender)
        {
            int length = SocketAddressLayout.WriteIpv4Endpoint(new Span<byte>(header->SocketAddress, header->SocketAddressLen), sender);
            header->SocketAddressLen = Math.Min(length, header->SocketAddressLen);
        }
        else
        {
            header->SocketAddressLen = 0;
        }
        header->ControlBufferLen = 0;
        header->Flags = messageFlags;
        return Success;
    }

    private static Span<byte> Vector(IOVector vector) =>
        vector.Base == null ? default : new Span<byte>(vector.Base, (int)Math.Min(vector.Count, int.MaxValue));

    private static byte[] Gather(IOVector* vectors, int count)
    {
        long length = 0;
        for (int i = 0; i < count; i++)
            length += Vector(vectors[i]).Length;
        byte[] gathered = new byte[Math.Min(length, 65536)];
        int offset = 0;
        for (int i = 0; i < count && offset < gathered.Length; i++)
        {
            Span<byte> piece = Vector(vectors[i]);
            int take = Math.Min(piece.Length, gathered.Length - offset);
            piece[..take].CopyTo(gathered.AsSpan(offset));
            offset += take;
        }
        return gathered;
    }

    private static void Scatter(ReadOnlySpan<byte> data, IOVector* vectors, int count)
    {
        for (int i = 0; i < count && !data.IsEmpty; i++)
        {
            Span<byte> piece = Vector(vectors[i]);
            int take = Math.Min(piece.Length, data.Length);
            data[..take].CopyTo(piece);
            data = data[take..];
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetSockName")]
    private static int GetSockName(nint socket, byte* socketAddress, int* socketAddressLen)
    {
        if (socketAddress == null || socketAddressLen == null || *socketAddressLen < 0)
            return EFault;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        PalError error = layer.GetSockName((int)socket, out Ipv4Endpoint local);
        if (error == PalError.SUCCESS)
            *socketAddressLen = SocketAddressLayout.WriteIpv4Endpoint(new Span<byte>(socketAddress, *socketAddressLen), local);
        return (int)error;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetPeerName")]
    private static int GetPeerName(nint socket, byte* socketAddress, int* socketAddressLen)
    {
        if (socketAddress == null || socketAddressLen == null || *socketAddressLen < 0)
            return EFault;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        PalError error = layer.GetPeerName((int)socket, out Ipv4Endpoint remote);
        if (error == PalError.SUCCESS)
            *socketAddressLen = SocketAddressLayout.WriteIpv4Endpoint(new Span<byte>(socketAddress, *socketAddressLen), remote);
        return (int)error;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetSockOpt")]
    private static int GetSockOpt(nint socket, int optionLevel, int optionName, byte* optionValue, int* optionLen)
    {
        if (optionValue == null || optionLen == null || *optionLen < 0)
            return EFault;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        PalError error = layer.GetSockOpt((int)socket, optionLevel, optionName, new Span<byte>(optionValue, *optionLen), out int length);
        if (error == PalError.SUCCESS)
            *optionLen = length;
        return (int)error;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SetSockOpt")]
    private static int SetSockOpt(nint socket, int optionLevel, int optionName, byte* optionValue, int optionLen)
    {
        if (optionValue == null || optionLen < 0)
            return EFault;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        return (int)layer.SetSockOpt((int)socket, optionLevel, optionName, new ReadOnlySpan<byte>(optionValue, optionLen));
    }

    // Raw (platform-numbered) options: none implemented.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetRawSockOpt")]
    private static int GetRawSockOpt(nint socket, int optionLevel, int optionName, byte* optionValue, int* optionLen) =>
        Layer(socket) is not null ? (int)PalError.ENOTSUP : NotSocket(socket);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SetRawSockOpt")]
    private static int SetRawSockOpt(nint socket, int optionLevel, int optionName, byte* optionValue, int optionLen) =>
        Layer(socket) is not null ? (int)PalError.ENOTSUP : NotSocket(socket);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetLingerOption")]
    private static int GetLingerOption(nint socket, LingerOption* option)
    {
        if (option == null)
            return EFault;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        PalError error = layer.GetLingerOption((int)socket, out bool on, out int seconds);
        option->OnOff = on ? 1 : 0;
        option->Seconds = seconds;
        return (int)error;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SetLingerOption")]
    private static int SetLingerOption(nint socket, LingerOption* option)
    {
        if (option == null)
            return EFault;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        return (int)layer.SetLingerOption((int)socket, option->OnOff != 0, option->Seconds);
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SetReceiveTimeout")]
    private static int SetReceiveTimeout(nint socket, int millisecondsTimeout) =>
        Layer(socket) is SocketLayer layer ? (int)layer.SetReceiveTimeout((int)socket, millisecondsTimeout) : NotSocket(socket);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SetSendTimeout")]
    private static int SetSendTimeout(nint socket, int millisecondsTimeout) =>
        Layer(socket) is SocketLayer layer ? (int)layer.SetSendTimeout((int)socket, millisecondsTimeout) : NotSocket(socket);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetBytesAvailable")]
    private static int GetBytesAvailable(nint socket, int* available)
    {
        if (available == null)
            return EFault;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        PalError error = layer.GetBytesAvailable((int)socket, out int count);
        *available = count;
        return (int)error;
    }

    // No urgent data is ever received, so the stream is never at the out-of-band mark.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetAtOutOfBandMark")]
    private static int GetAtOutOfBandMark(nint socket, int* atMark)
    {
        if (atMark == null)
            return EFault;
        *atMark = 0;
        return Layer(socket) is not null ? Success : NotSocket(socket);
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetSocketErrorOption")]
    private static int GetSocketErrorOption(nint socket, int* socketError)
    {
        if (socketError == null)
            return EFault;
        if (Layer(socket) is not SocketLayer layer)
            return NotSocket(socket);
        PalError error = layer.GetSocketErrorOption((int)socket, out PalError pending);
        *socketError = (int)pending;
        return (int)error;
    }

    // Multicast is not implemented (no IGMP).
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetIPv4MulticastOption")]
    private static int GetIPv4MulticastOption(nint socket, int multicastOption, void* option) =>
        Layer(socket) is not null ? (int)PalError.ENOTSUP : NotSocket(socket);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SetIPv4MulticastOption")]
    private static int SetIPv4MulticastOption(nint socket, int multicastOption, void* option) =>
        Layer(socket) is not null ? (int)PalError.ENOTSUP : NotSocket(socket);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetIPv6MulticastOption")]
    private static int GetIPv6MulticastOption(nint socket, int multicastOption, void* option) =>
        Layer(socket) is not null ? (int)PalError.ENOTSUP : NotSocket(socket);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SetIPv6MulticastOption")]
    private static int SetIPv6MulticastOption(nint socket, int multicastOption, void* option) =>
        Layer(socket) is not null ? (int)PalError.ENOTSUP : NotSocket(socket);

    // Socket.SendFile: there are no files to send.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SendFile")]
    private static int SendFile(nint outFd, nint inFd, long offset, long count, long* sent)
    {
        if (sent != null)
            *sent = 0;
        return (int)PalError.ENOTSUP;
    }

    // Select is the Apple path; Linux-like targets poll.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Select")]
    private static int Select(int* readFds, int readFdsLength, int* writeFds, int writeFdsLength, int* checkError, int checkErrorLength, int timeout, int maxFd, int* triggered) =>
        (int)PalError.ENOTSUP;

    // IP_PKTINFO is not implemented (SetSockOpt(IP, PacketInformation) says ENOTSUP), so no control data.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetControlMessageBufferSize")]
    private static int GetControlMessageBufferSize(int isIPv4, int isIPv6) => 0;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_TryGetIPPacketInformation")]
    private static int TryGetIPPacketInformation(void* messageHeader, int isIPv4, void* packetInfo) => 0;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_PlatformSupportsDualModeIPv4PacketInfo")]
    private static int PlatformSupportsDualModeIPv4PacketInfo() => 0;
}
