using System.Text;
using Minnow.Drivers.Net;
using Minnow.Kernel.Boot;
using Minnow.Kernel.Console;
using Minnow.Kernel.Time;
using Minnow.Net;
using Minnow.Net.Dhcp;
using Minnow.Net.Sockets;

namespace Minnow.Runtime.Networking;

/// <summary>
/// Brings the network up before the program's Main, with no code in the program: finds the first
/// virtio-net NIC, builds the stack's interface over it, configures it statically (<c>ip=</c>) or
/// by DHCP, and starts the network thread that polls the interface whenever the NIC interrupts or
/// a protocol timer is due. Kernel options: <c>ip=</c>, <c>gw=</c>, <c>dhcp-wait=</c>, <c>netpoll</c>
/// (no interrupts: poll every millisecond), <c>nooffload</c> (no checksum or segmentation offload:
/// every checksum computed by the stack, every frame at most the MTU), <c>nonet</c> (leave NICs alone).
/// </summary>
internal static class NetworkStartup
{
    private const long PollIntervalWithoutInterrupts = 1_000_000;   // ns

    private static VirtioNetDevice? s_device;
    private static SocketLayer? s_layer;
    private static DhcpClient? s_dhcp;
    private static bool s_configured;
    private static bool s_networkThreadStarted;

    public static void Start()
    {
        if (CommandLine.HasOption("nonet"u8))
            return;
        var problems = new List<string>();
        var devices = VirtioNetDevice.OpenAll(problems, useInterrupts: !CommandLine.HasOption("netpoll"u8), offload: !CommandLine.HasOption("nooffload"u8));
        foreach (string problem in problems)
            KernelLog.WriteLine("net: " + problem);
        if (devices.Count == 0)
        {
            if (problems.Count == 0)
                KernelLog.WriteLine("net: no network device (qemu/run --net user gives the image one)");
            return;
        }
        var device = s_device = devices[0];
        KernelLog.WriteLine(Describe(device));
        if (!device.LinkIsUp)
            KernelLog.WriteLine("net0: the link is down");

        var configuration = NetworkConfiguration.Parse(Option("ip"u8), Option("gw"u8), Option("dhcp-wait"u8));
        if (configuration.Problem != null)
            KernelLog.WriteLine("net0: " + configuration.Problem + "; using DHCP");
        var iface = new Interface(device, new InterfaceOptions { Secret = (ulong)Random.Shared.NextInt64() });
        var layer = s_layer = new SocketLayer(iface, Now);
        Minnow.Platform.MinnowNetwork.Attach(iface, layer.SyncRoot);
        if (configuration.StaticAddress is Ipv4Cidr address && configuration.Problem == null)
        {
            lock (layer.SyncRoot)
            {
                iface.Configure(address, configuration.Gateway);
                layer.Pump();
            }
            s_configured = true;
            KernelLog.WriteLine($"net0: {address} gw {Text(configuration.Gateway)} (static)");
        }
        else
        {
            lock (layer.SyncRoot)
                s_dhcp = new DhcpClient(iface, (ulong)Random.Shared.NextInt64());
        }
        // Sockets become usable now (before, Socket() says there is no network).
        NetworkRuntime.Sockets = layer;

        new Thread(Run) { IsBackground = true, Name = "minnow-net" }.Start();
        s_networkThreadStarted = true;

        if (s_dhcp != null)
        {
            lock (layer.SyncRoot)
            {
                var until = Now() + configuration.DhcpWait;
                while (!s_configured && Now() < until)
                    Monitor.Wait(layer.SyncRoot, until - Now());
                if (!s_configured)
                    KernelLog.WriteLine($"net0: no DHCP lease after {configuration.DhcpWait.TotalSeconds:0.#} s; the program starts without an address (the client keeps asking)");
            }
        }
    }

    private static void Run()
    {
        var device = s_device!;
        var layer = s_layer!;
        var iface = layer.Interface;
        while (true)
        {
            TimeSpan? next;
            lock (layer.SyncRoot)
            {
                TimeSpan now = Now();
                // Until nothing moves: the socket layer polls the interface and wakes whoever waits on
                // a socket, then the DHCP client answers what arrived, then frames again for what it
                // sent or what arrived meanwhile (a frame taken there is pumped on the next round).
                do
                {
                    layer.Pump();
                    PollDhcp(now);
                }
                while (iface.Poll(now));
                next = layer.NextPumpAt;
                if (s_dhcp?.NextPollAt is TimeSpan dhcpNext && (next == null || dhcpNext < next))
                    next = dhcpNext;
            }
            ulong deadline = next is TimeSpan at ? (ulong)Math.Max(at.Ticks * 100, 1) : 0;
            if (!device.UsesInterrupts)
            {
                ulong soon = MonotonicClock.Nanoseconds + PollIntervalWithoutInterrupts;
                deadline = deadline == 0 || deadline > soon ? soon : deadline;
            }
            VirtioNetDevice.WaitForWork(deadline);
        }
    }

    /// <summary>
    /// Before the machine powers off: lets TCP deliver what the program wrote and closed (a Linux
    /// process may exit with data in flight, the kernel still sends it; here the kernel stops too).
    /// Waits until every byte and FIN is acknowledged, at most <see cref="ExitDrainLimit"/>.
    /// </summary>
    public static void DrainBeforeExit()
    {
        if (s_layer is not SocketLayer layer || !s_networkThreadStarted)
            return;
        TimeSpan until = Now() + ExitDrainLimit;
        lock (layer.SyncRoot)
        {
            long left;
            while ((left = layer.UndeliveredBytes) > 0 && Now() < until)
                Monitor.Wait(layer.SyncRoot, TimeSpan.FromMilliseconds(50));
            if (left > 0)
                KernelLog.WriteLine($"net0: exiting with {left} bytes not acknowledged by their peers after {ExitDrainLimit.TotalSeconds:0} s");
        }
    }

    private static readonly TimeSpan ExitDrainLimit = TimeSpan.FromSeconds(5);

    /// <summary>With the kernel option <c>netstats</c>, logs the interface's traffic and drop counters at exit.</summary>
    public static void ReportIfRequested()
    {
        if (!CommandLine.HasOption("netstats"u8) || s_layer is not SocketLayer layer || s_device is not VirtioNetDevice device)
            return;
        var iface = layer.Interface;
        lock (layer.SyncRoot)
        {
            KernelLog.WriteLine($"netstats frames-received={iface.Statistics.FramesReceived} frames-sent={iface.Statistics.FramesSent} drops-total={iface.Drops.Total} drops=[{iface.Drops}] device-runts={device.RuntFrames} device-invalid-completions={device.InvalidCompletions} device-bad-chains={device.BadChains} device-chained={device.ChainedFrames} device-checksummed={iface.Statistics.FramesWithDeviceChecksum} sent-offloaded={iface.Statistics.OffloadedFramesSent} sent-segmented={iface.Statistics.SegmentedFramesSent}");
        }
    }

    private static void PollDhcp(TimeSpan now)
    {
        if (s_dhcp == null)
            return;
        switch (s_dhcp.Poll(now))
        {
            case DhcpEvent.Configured:
                s_configured = true;
                // The socket layer pumped (and pulsed) before the DHCP client ran: wake boot's wait for the lease (Start).
                Monitor.PulseAll(s_layer!.SyncRoot);
                var lease = s_dhcp.Lease!;
                KernelLog.WriteLine($"net0: {lease.Address} gw {Text(lease.Router)} (dhcp from {lease.Server}, {lease.Duration.TotalSeconds:0} s lease)");
                break;
            case DhcpEvent.Deconfigured:
                s_configured = false;
                KernelLog.WriteLine("net0: the DHCP lease ended; no address");
                break;
        }
    }

    private static TimeSpan Now() => TimeSpan.FromTicks((long)(MonotonicClock.Nanoseconds / 100));

    private static string? Option(ReadOnlySpan<byte> key)
    {
        var value = CommandLine.Option(key, out bool found);
        return found ? Encoding.UTF8.GetString(value) : null;
    }

    private static string Text(Ipv4Address address) => address.IsAny ? "none" : address.ToString();

    /// <summary>The negotiated features the boot line names, in the virtio spec's spelling.</summary>
    private static readonly (VirtioNetFeatures Feature, string Name)[] s_featureNames =
    [
        (VirtioNetFeatures.Version1, "VERSION_1"), (VirtioNetFeatures.Mac, "MAC"), (VirtioNetFeatures.Status, "STATUS"),
        (VirtioNetFeatures.MergeableRxBuffers, "MRG_RXBUF"), (VirtioNetFeatures.GuestChecksum, "GUEST_CSUM"),
        (VirtioNetFeatures.GuestTso4, "GUEST_TSO4"), (VirtioNetFeatures.Checksum, "CSUM"), (VirtioNetFeatures.HostTso4, "HOST_TSO4"),
    ];

    private static string Describe(VirtioNetDevice device)
    {
        var features = new List<string>();
        foreach (var (feature, name) in s_featureNames)
        {
            if ((device.Features & feature) != 0)
                features.Add(name);
        }
        return $"net0: virtio-net at {device.PciAddress}, mac {device.MacAddress}, link {(device.LinkIsUp ? "up" : "down")}, features {string.Join(",", features)}, {(device.UsesInterrupts ? "MSI-X interrupts" : "polled")}";
    }
}
