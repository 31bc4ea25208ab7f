using System.Diagnostics;

namespace Minnow.Qemu.Topology;

/// <summary>Runs a host command (ip, bridge, tshark...) to completion and says what failed.</summary>
public static class HostCommand
{
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var (code, stdout, stderr) = RunSeparately(file, arguments, timeout);
        return (code, stdout + stderr);
    }

    /// <summary>Runs a command and returns its standard output and standard error apart.</summary>
    public static (int ExitCode, string StandardOutput, string StandardError) RunSeparately(string file, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string Check(string file, params string[] arguments)
    {
        var (code, output) = Run(file, arguments);
        if (code != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({code}): {output.Trim()}");
        return output;
    }
}
