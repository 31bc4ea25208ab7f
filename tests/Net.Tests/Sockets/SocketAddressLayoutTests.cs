using Minnow.Net.Sockets;

namespace Minnow.Net.Tests.Sockets;

/// <summary>The Linux sockaddr layout the class library's SocketAddress buffers hold (fact sheet 2.1).</summary>
public class SocketAddressLayoutTests
{
    [Fact]
    public void Ipv4IsSockaddrInByteForByte()
    {
        // What SocketAddress(InterNetwork, 16) + SetPort + SetIPv4Address builds for 10.0.0.1:80.
        byte[] buffer = new byte[16];
        buffer[0] = 16;   // the managed constructor writes the size first (BSD sa_len habit)
        Assert.Equal(PalError.SUCCESS, SocketAddressLayout.SetAddressFamily(buffer, 2));
        Assert.Equal(PalError.SUCCESS, SocketAddressLayout.SetPort(buffer, 80));
        Assert.Equal(PalError.SUCCESS, SocketAddressLayout.SetIPv4Address(buffer, 0x0100000A));   // 10.0.0.1 as stored
        Assert.Equal(new byte[] { 2, 0, 0, 80, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 }, buffer);

        Assert.Equal(PalError.SUCCESS, SocketAddressLayout.GetAddressFamily(buffer, out int family));
        Assert.Equal(2, family);
        Assert.Equal(PalError.SUCCESS, SocketAddressLayout.GetPort(buffer, out ushort port));
        Assert.Equal(80, port);
        Assert.Equal(PalError.SUCCESS, SocketAddressLayout.GetIPv4Address(buffer, out uint address));
        Assert.Equal(0x0100000Au, address);
        Assert.Equal(PalError.SUCCESS, SocketAddressLayout.ReadIpv4Endpoint(buffer, out Ipv4Endpoint endpoint));
        Assert.Equal(new Ipv4Endpoint(new Ipv4Address(10, 0, 0, 1), 80), endpoint);

        byte[] written = new byte[16];
        Assert.Equal(16, SocketAddressLayout.WriteIpv4Endpoint(written, endpoint));
        Assert.Equal(buffer, written);
        byte[] shortBuffer = new byte[6];
        Assert.Equal(16, SocketAddressLayout.WriteIpv4Endpoint(shortBuffer, endpoint));
        Assert.Equal(new byte[] { 2, 0, 0, 80, 10, 0 }, shortBuffer);
    }

    [Fact]
    public void Ipv6IsSockaddrIn6ByteForByte()
    {
        byte[] buffer = new byte[28];
        buffer.AsSpan(4, 4).Fill(0xEE);   // flowinfo is cleared by SetIPv6Address
        Assert.Equal(PalError.SUCCESS, SocketAddressLayout.SetAddressFamily(buffer, 23));
        Assert.Equal(PalError.SUCCESS, SocketAddressLayout.SetPort(buffer, 0x1234));
        byte[] v4Mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 127, 0, 0, 1];
        Assert.Equal(PalError.SUCCESS, SocketAddressLayout.SetIPv6Address(buffer, v4Mapped, 7));
        byte[] expected = [10, 0, 0x12, 0x34, 0, 0, 0, 0, .. v4Mapped, 7, 0, 0, 0];
        Assert.Equal(expected, buffer);

        Assert.Equal(PalError.SUCCESS, SocketAddressLayout.GetAddressFamily(buffer, out int family));
        Assert.Equal(23, family);
        byte[] address = new byte[16];
        Assert.Equal(PalError.SUCCESS, SocketAddressLayout.GetIPv6Address(buffer, address, out uint scope));
        Assert.Equal(v4Mapped, address);
        Assert.Equal(7u, scope);
    }

    [Fact]
    public void SizesAreLinuxs()
    {
        Assert.Equal((16, 28, 110, 128), (SocketAddressLayout.Ipv4Size, SocketAddressLayout.Ipv6Size, SocketAddressLayout.UnixSize, SocketAddressLayout.MaxSize));
    }

    [Fact]
    public void ValidationCodesAreTheStockHelpers()
    {
        byte[] inet = [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] unix = new byte[110];
        unix[0] = 1;
        byte[] inet6 = new byte[28];
        inet6[0] = 10;

        // Too short for the family field.
        Assert.Equal(PalError.EFAULT, SocketAddressLayout.GetAddressFamily(new byte[1], out _));
        Assert.Equal(PalError.EFAULT, SocketAddressLayout.SetAddressFamily(new byte[1], 2));
        Assert.Equal(PalError.EFAULT, SocketAddressLayout.GetPort(Span<byte>.Empty, out _));
        // A family the platform lacks.
        Assert.Equal(PalError.EAFNOSUPPORT, SocketAddressLayout.SetAddressFamily(new byte[16], 99));
        byte[] unknown = [0x63, 0, 0, 0];
        Assert.Equal(PalError.SUCCESS, SocketAddressLayout.GetAddressFamily(unknown, out int family));
        Assert.Equal(-1, family);
        // Ports only for INET and INET6.
        Assert.Equal(PalError.EAFNOSUPPORT, SocketAddressLayout.GetPort(unix, out _));
        Assert.Equal(PalError.EAFNOSUPPORT, SocketAddressLayout.SetPort(unix, 1));
        // Family mismatch, and buffers shorter than the sockaddr.
        Assert.Equal(PalError.EINVAL, SocketAddressLayout.GetIPv4Address(inet6, out _));
        Assert.Equal(PalError.EINVAL, SocketAddressLayout.SetIPv4Address(inet6, 1));
        Assert.Equal(PalError.EFAULT, SocketAddressLayout.GetIPv4Address(inet.AsSpan(0, 15), out _));
        Assert.Equal(PalError.EINVAL, SocketAddressLayout.GetIPv6Address([2, 0, .. new byte[26]], new byte[16], out _));
        Assert.Equal(PalError.EFAULT, SocketAddressLayout.GetIPv6Address(inet6.AsSpan(0, 27), new byte[16], out _));
        Assert.Equal(PalError.EFAULT, SocketAddressLayout.GetIPv6Address(inet6, new byte[15], out _));
        // Endpoints for bind/connect: EINVAL short, EAFNOSUPPORT for another family.
        Assert.Equal(PalError.EINVAL, SocketAddressLayout.ReadIpv4Endpoint(inet.AsSpan(0, 8), out _));
        Assert.Equal(PalError.EAFNOSUPPORT, SocketAddressLayout.ReadIpv4Endpoint(inet6, out _));
    }

    [Fact]
    public void FamiliesTranslateBothWays()
    {
        foreach ((int managed, ushort platform) in new (int, ushort)[] { (0, 0), (1, 1), (2, 2), (23, 10), (65536, 17), (65537, 29) })
        {
            Assert.True(SocketAddressLayout.TryFamilyToPlatform(managed, out ushort p));
            Assert.Equal(platform, p);
            Assert.Equal(managed, SocketAddressLayout.FamilyFromPlatform(platform));
        }
    }
}
