// The image side of tests/Network.Tests. The network comes up at boot (DHCP or ip=), with no code
// here; the first argument picks what the program does on it.
//   wait SECONDS      stay up (the kernel answers ping and ARP meanwhile), then exit 0
string mode = args.Length > 0 ? args[0] : "";
switch (mode)
{
    case "wait":
        double seconds = args.Length > 1 && double.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out double s) ? s : 10;
        Console.WriteLine("ready");
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        Console.WriteLine("done");
        return 0;
    default:
        Console.WriteLine($"unknown mode '{mode}'");
        return 2;
}
