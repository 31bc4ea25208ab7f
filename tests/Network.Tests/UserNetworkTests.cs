using Minnow.TestSupport;

namespace Minnow.Network.Tests;

/// <summary>QEMU user networking: the image configures itself by DHCP from QEMU's built-in server.</summary>
public sealed class UserNetworkTests
{
    /// <param name="machine">null: the harness default (microvm with PCIe); q35: PCI through its
    /// ECAM (MCFG) window, the NIC behind the root complex.</param>
    [Theory]
    [InlineData(null)]
    [InlineData("q35")]
    public void The_image_gets_its_address_by_DHCP_at_boot_and_logs_it(string? machine)
    {
        var run = MinnowTool.Run(NetworkImages.NetPeer, new MinnowRunOptions
        {
            Machine = machine,
            Networks = ["user"],
            ProgramArguments = ["wait", "0"],
            TimeoutSeconds = 90,
        });

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("net0: virtio-net at ", run.StandardError);
        Assert.Contains("mac 52:54:00:12:34:56, link up, features VERSION_1,MAC,STATUS", run.StandardError);
        Assert.Contains("MSI-X interrupts", run.StandardError);
        Assert.Contains("net0: 10.0.2.15/24 gw 10.0.2.2 (dhcp from 10.0.2.2", run.StandardError);
    }

    [Fact]
    public void Without_a_NIC_boot_says_so_and_the_program_runs()
    {
        var run = MinnowTool.Run(NetworkImages.NetPeer, new MinnowRunOptions { ProgramArguments = ["wait", "0"] });

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("net: no network device (qemu/run --net user gives the image one)", run.StandardError);
    }

    [Fact]
    public void A_bad_static_address_is_reported_and_DHCP_used_instead()
    {
        var run = MinnowTool.Run(NetworkImages.NetPeer, new MinnowRunOptions
        {
            Networks = ["user"],
            KernelArguments = "ip=10.0.2.99",
            ProgramArguments = ["wait", "0"],
        });

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("net0: ip=10.0.2.99 is not an address with a prefix length", run.StandardError);
        Assert.Contains("net0: 10.0.2.15/24", run.StandardError);
    }

    [Fact]
    public void Through_user_networking_the_image_reaches_a_TCP_server_on_the_host()
    {
        // QEMU's user network forwards the gateway address 10.0.2.2 to the host's loopback.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        const int Bytes = 2 << 20;
        var server = Task.Run(() =>
        {
            using var client = listener.AcceptTcpClient();
            var stream = client.GetStream();
            var buffer = new byte[65536];
            long got = 0;
            bool ok = true;
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                for (int i = 0; i < n; i++)
                    ok &= buffer[i] == (byte)(((got + i) * 13 + 7) % 251);
                got += n;
            }
            byte[] answer = System.Text.Encoding.ASCII.GetBytes($"{got} {(ok ? "ok" : "corrupt")}");
            stream.Write(answer);
            return got;
        });

        var run = MinnowTool.Run(SocketImages.SocketPeer, new MinnowRunOptions
        {
            Networks = ["user"],
            ProgramArguments = ["tcp-upload", "10.0.2.2", port.ToString(), Bytes.ToString(), "async"],
            TimeoutSeconds = 120,
        });
        listener.Stop();

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains($"sent {Bytes}; peer says: {Bytes} ok", run.StandardOutput);
        Assert.Equal(Bytes, server.Result);
    }
}
