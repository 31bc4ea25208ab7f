using System.Diagnostics;
using Minnow.Qemu.Topology;

namespace Minnow.Network.Tests;

/// <summary>
/// tshark capturing on an interface inside a test namespace, and the check the issue asks of the
/// capture: no malformed packet and no bad IPv4/ICMP/UDP/TCP checksum, with checksum validation on.
/// </summary>
public sealed class Capture : IDisposable
{
    private readonly Process _process;

    private Capture(Process process, string file)
    {
        _process = process;
        File = file;
    }

    public string File { get; }

    public static bool IsAvailable => System.IO.File.Exists("/usr/bin/tshark") && System.IO.File.Exists("/usr/bin/dumpcap");

    public static Capture Start(NetworkNamespace ns, string device, string file)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "netns", "exec", ns.Name, "dumpcap", "-q", "-i", device, "-w", file })
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        // dumpcap creates the file once it captures; give it that long.
        for (int i = 0; i < 100 && !System.IO.File.Exists(file); i++)
            Thread.Sleep(50);
        return new Capture(process, file);
    }

    /// <summary>Stops the capture cleanly (SIGINT, so the file is complete).</summary>
    public void Stop()
    {
        if (_process.HasExited)
            return;
        HostCommand.Run("kill", ["-INT", _process.Id.ToString()]);
        if (!_process.WaitForExit(10_000))
            _process.Kill(entireProcessTree: true);
        // ip netns exec may leave dumpcap running a moment after it is signalled.
        Thread.Sleep(300);
    }

    /// <summary>
    /// Frames in the capture, and those tshark flags as malformed or with a bad checksum (one line
    /// each). <paramref name="verifyTcpChecksums"/> false leaves out TCP checksums, for captures of
    /// offloaded traffic: there both sides leave them to be completed past the capture point.
    /// </summary>
    public (int Frames, string Problems) Analyse(bool verifyTcpChecksums = true)
    {
        string tcp = verifyTcpChecksums ? "TRUE" : "FALSE";
        string[] checks = ["-o", "ip.check_checksum:TRUE", "-o", $"tcp.check_checksum:{tcp}", "-o", "udp.check_checksum:TRUE"];
        var (_, count, _) = HostCommand.RunSeparately("tshark", ["-r", File, "-T", "fields", "-e", "frame.number"]);
        var (_, problems, _) = HostCommand.RunSeparately("tshark", [
            "-r", File, .. checks, "-Y",
            "_ws.malformed || ip.checksum.status == \"Bad\" || tcp.checksum.status == \"Bad\" || udp.checksum.status == \"Bad\" || icmp.checksum.status == \"Bad\"",
        ]);
        return (count.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, problems.Trim());
    }

    /// <summary>Frames that match a tshark display filter.</summary>
    public int Count(string filter)
    {
        var (_, matches, _) = HostCommand.RunSeparately("tshark", ["-r", File, "-Y", filter, "-T", "fields", "-e", "frame.number"]);
        return matches.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }
}
