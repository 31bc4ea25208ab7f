using Minnow.TestSupport;

namespace Minnow.Images.Tests;

/// <summary>System.Net.Sockets in an image booted without a NIC: clean SocketExceptions, not a panic.</summary>
[Collection(ImagesCollection.Name)]
public sealed class SocketsTests(TestImages images)
{
    [Fact]
    public void Sockets_without_a_network_fail_with_AddressFamilyNotSupported()
    {
        var run = MinnowTool.Run(images.Sockets);

        RunAssert.ExitStatus(0, run);
        RunAssert.StandardOutputContains("TcpClient: SocketException AddressFamilyNotSupported\n", run);
        RunAssert.StandardOutputContains("UdpClient: SocketException AddressFamilyNotSupported\n", run);
        RunAssert.StandardOutputContains("TcpListener: SocketException AddressFamilyNotSupported\n", run);
        RunAssert.StandardOutputContains("OSSupportsIPv4=False OSSupportsIPv6=False\n", run);
        // 10.0.2.2:8080 as sockaddr_in (the family field is shown as the enum, the rest as bytes).
        RunAssert.StandardOutputContains("serialized InterNetwork:16:{31,144,10,0,2,2,0,0,0,0,0,0,0,0}\n", run);
        RunAssert.StandardOutputContains("sockets-nonet: ok\n", run);
    }
}
