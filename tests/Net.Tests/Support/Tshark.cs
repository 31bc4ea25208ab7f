using System.Diagnostics;

namespace Minnow.Net.Tests.Support;

/// <summary>Runs tshark on a capture with every checksum check switched on.</summary>
public static class Tshark
{
    public static string? Path { get; } = Find();

    public static string Run(string pcap, params string[] extra)
    {
        var start = new ProcessStartInfo(Path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add("-r");
        start.ArgumentList.Add(pcap);
        foreach (string option in new[] { "ip.check_checksum:TRUE", "tcp.check_checksum:TRUE", "udp.check_checksum:TRUE" })
        {
            start.ArgumentList.Add("-o");
            start.ArgumentList.Add(option);
        }
        foreach (string argument in extra)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"tshark failed: {stderr.Result}");
        return stdout;
    }

    private static string? Find()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = System.IO.Path.Combine(directory, "tshark");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
