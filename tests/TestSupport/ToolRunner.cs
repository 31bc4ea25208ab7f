using System.Diagnostics;

namespace Minnow.TestSupport;

/// <summary>Runs the real tools the tests use as judges (rpcgen, gcc, rpcinfo, tshark) and fails with their output.</summary>
public static class ToolRunner
{
    public static string Run(string program, string arguments, string? workingDirectory = null, int timeoutSeconds = 120)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {arguments} did not finish in {timeoutSeconds} s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
        return output.Result;
    }

    /// <summary>Fails clearly when a Debian tool the tests need is missing (make deps installs them).</summary>
    public static void Require(string program, string package)
    {
        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/sbin").ToArray();
        if (!path.Any(p => File.Exists(Path.Combine(p, program))) && !File.Exists(program))
            throw new InvalidOperationException($"{program} is missing: install the Debian package {package} (make deps)");
    }
}
