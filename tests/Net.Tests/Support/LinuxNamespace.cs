using System.Diagnostics;

namespace Minnow.Net.Tests.Support;

/// <summary>
/// A network namespace the test creates for a TAP device's Linux end, removed on dispose. Traffic
/// never leaves it: the only other end is the stack under test.
/// </summary>
public sealed class LinuxNamespace : IDisposable
{
    public LinuxNamespace(string name, string device, string address)
    {
        Name = name;
        Run("ip", $"netns del {name}", check: false);
        Run("ip", $"netns add {name}");
        Run("ip", $"link set {device} netns {name}");
        Run("ip", $"-n {name} addr add {address} dev {device}");
        Run("ip", $"-n {name} link set {device} up");
        Run("ip", $"-n {name} link set lo up");
    }

    public string Name { get; }

    /// <summary>Starts python3 inside the namespace; the script's stdout is the result.</summary>
    public Process StartPython(string script)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "netns", "exec", Name, "python3", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start)!;
    }

    public void Dispose() => Run("ip", $"netns del {Name}", check: false);

    private static void Run(string file, string arguments, bool check = true)
    {
        using Process process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments}: {error}");
        }
    }
}
