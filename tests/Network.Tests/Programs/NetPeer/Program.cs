// The image side of tests/Network.Tests. The network comes up at boot (DHCP or ip=), with no code
// here; the first argument picks what the program does on it.
//   wait SECONDS      stay up (the kernel answers ping and ARP meanwhile), then exit 0
//   raw-send VLAN N DELAY   after DELAY seconds, send N broadcast frames of EtherType 0x88B5
//                     tagged VLAN (0: untagged), 20 ms apart
//   raw-receive VLAN SECONDS   count frames of EtherType 0x88B5 on VLAN for SECONDS, print the
//                     count and the stack's VlanMismatch drop counter
using Minnow.Platform;

const ushort ExperimentalEtherType = 0x88B5;   // IEEE 802 "local experimental"
string mode = args.Length > 0 ? args[0] : "";
switch (mode)
{
    case "wait":
        double seconds = args.Length > 1 && double.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out double s) ? s : 10;
        Console.WriteLine("ready");
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        Console.WriteLine("done");
        return 0;
    case "raw-send":
    {
        ushort vlan = ushort.Parse(args[1]);
        int count = int.Parse(args[2]);
        using var raw = MinnowNetwork.OpenRaw(ExperimentalEtherType, vlan);
        Console.WriteLine("ready");
        Thread.Sleep(TimeSpan.FromSeconds(double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)));
        var payload = new byte[64];
        int sent = 0;
        for (int i = 0; i < count; i++)
        {
            BitConverter.TryWriteBytes(payload, i);
            if (raw.TrySend(RawEthernet.Broadcast, payload, out _))
                sent++;
            Thread.Sleep(20);
        }
        Console.WriteLine($"sent {sent}");
        return sent == count ? 0 : 1;
    }
    case "raw-receive":
    {
        ushort vlan = ushort.Parse(args[1]);
        double window = double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        using var raw = MinnowNetwork.OpenRaw(ExperimentalEtherType, vlan);
        Console.WriteLine("ready");
        var buffer = new byte[raw.MaxPayloadLength];
        int received = 0;
        var until = DateTime.UtcNow.AddSeconds(window);
        while (DateTime.UtcNow < until)
        {
            if (raw.Receive(buffer, until - DateTime.UtcNow, out _) > 0)
                received++;
        }
        MinnowNetwork.DropCounters().TryGetValue("VlanMismatch", out long mismatched);
        Console.WriteLine($"received {received} vlan-mismatch-drops {mismatched}");
        return 0;
    }
    default:
        Console.WriteLine($"unknown mode '{mode}'");
        return 2;
}
