using System.Runtime.InteropServices;

namespace Minnow.Net.Tests.Support;

/// <summary>
/// A Linux TAP device as an <see cref="IFrameDevice"/>, so the stack can talk to the real Linux
/// TCP/IP stack in a network namespace the test creates. Needs root and /dev/net/tun.
/// </summary>
public sealed class TapDevice : IFrameDevice, IDisposable
{
    private const int OpenReadWrite = 0x2;
    private const int OpenNonBlocking = 0x800;
    private const ulong TunSetInterface = 0x400454ca;
    private const short InterfaceTap = 0x0002;
    private const short InterfaceNoPacketInfo = 0x1000;

    private readonly int _fd;
    private readonly byte[] _receiveBuffer = new byte[2048];
    private readonly byte[] _transmitBuffer = new byte[1518];

    public TapDevice(string name, MacAddress mac)
    {
        _fd = Open("/dev/net/tun", OpenReadWrite | OpenNonBlocking);
        if (_fd < 0)
        {
            throw new InvalidOperationException($"open /dev/net/tun failed: errno {Marshal.GetLastPInvokeError()}");
        }
        // struct ifreq: the name in 16 bytes, then the flags.
        byte[] request = new byte[40];
        System.Text.Encoding.ASCII.GetBytes(name, request);
        BitConverter.TryWriteBytes(request.AsSpan(16), (short)(InterfaceTap | InterfaceNoPacketInfo));
        if (IoControl(_fd, TunSetInterface, request) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Close(_fd);
            throw new InvalidOperationException($"TUNSETIFF failed: errno {errno}");
        }
        Name = name;
        MacAddress = mac;
    }

    public string Name { get; }

    public MacAddress MacAddress { get; }

    public int MaxFrameLength => _transmitBuffer.Length;

    /// <summary>Whether this machine can run TAP tests: root, the TUN driver, iproute2 and python3.</summary>
    public static bool IsAvailable =>
        Environment.UserName == "root" && File.Exists("/dev/net/tun")
        && (File.Exists("/usr/sbin/ip") || File.Exists("/usr/bin/ip") || File.Exists("/sbin/ip"))
        && (File.Exists("/usr/bin/python3") || File.Exists("/usr/local/bin/python3"));

    public bool TryReceive(out ReadOnlySpan<byte> frame, out FrameChecksum checksum)
    {
        checksum = FrameChecksum.Unverified;
        long length = Read(_fd, _receiveBuffer, _receiveBuffer.Length);
        if (length <= 0)
        {
            frame = default;
            return false;
        }
        frame = _receiveBuffer.AsSpan(0, (int)length);
        return true;
    }

    public bool TryReserveTransmit(int length, out Span<byte> frame)
    {
        frame = _transmitBuffer.AsSpan(0, length);
        return true;
    }

    public void CommitTransmit(int length) => Write(_fd, _transmitBuffer, length);

    public void Dispose() => Close(_fd);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int IoControl(int fd, ulong request, byte[] argument);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern long Read(int fd, byte[] buffer, long count);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern long Write(int fd, byte[] buffer, long count);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
