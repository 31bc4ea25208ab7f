namespace Minnow.Qemu.Launch;

/// <summary>
/// One <c>--net</c> option: <c>user</c> (QEMU's user-mode network; the host is reachable at the
/// gateway 10.0.2.2; QEMU options may follow a colon, e.g. <c>user:hostfwd=tcp:127.0.0.1:5555-:7</c>),
/// <c>tap:NAME</c> (an existing tap device, e.g. on a bridge in a namespace) or <c>none</c>.
/// Each one gives the image a virtio-net NIC (modern PCI, no option ROM) with a predictable MAC,
/// or the one given with <c>,mac=XX:XX:XX:XX:XX:XX</c> after a tap's name (several images on one
/// bridge need different ones).
/// </summary>
public sealed record NetworkSpec(string Kind, string Argument, string? Mac = null)
{
    public static NetworkSpec Parse(string text)
    {
        int colon = text.IndexOf(':');
        string kind = colon < 0 ? text : text[..colon];
        string argument = colon < 0 ? "" : text[(colon + 1)..];
        return kind switch
        {
            "none" when argument.Length == 0 => new NetworkSpec("none", ""),
            "user" => new NetworkSpec("user", argument),
            "tap" when argument.Length > 0 => ParseTap(text, argument),
            _ => throw new ArgumentException($"--net {text}: use user, user:QEMU-OPTIONS, tap:NAME or none"),
        };
    }

    private static NetworkSpec ParseTap(string text, string argument)
    {
        string[] parts = argument.Split(',');
        string? mac = null;
        foreach (string option in parts.Skip(1))
        {
            if (option.StartsWith("mac=", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(option[4..], "^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$"))
                mac = option[4..];
            else
                throw new ArgumentException($"--net {text}: after tap:NAME only ,mac=XX:XX:XX:XX:XX:XX is allowed");
        }
        if (parts[0].Length == 0)
            throw new ArgumentException($"--net {text}: tap: needs a device name");
        return new NetworkSpec("tap", parts[0], mac);
    }

    /// <summary>The -netdev and -device arguments for NIC number <paramref name="index"/>.</summary>
    public IEnumerable<string> QemuArguments(int index)
    {
        string id = $"net{index}";
        string backend = Kind switch
        {
            "user" => Argument.Length == 0 ? $"user,id={id}" : $"user,id={id},{Argument}",
            "tap" => $"tap,id={id},ifname={Argument},script=no,downscript=no",
            _ => throw new InvalidOperationException("none has no device"),
        };
        yield return "-netdev";
        yield return backend;
        yield return "-device";
        yield return $"virtio-net-pci,netdev={id},disable-legacy=on,romfile=,mac={Mac ?? MacAddress(index)}";
    }

    /// <summary>52:54:00 (QEMU's prefix), then 12:34:56 plus the NIC's number.</summary>
    public static string MacAddress(int index) => $"52:54:00:12:34:{0x56 + index:x2}";
}
