using System.Diagnostics;

namespace Minnow.TestSupport;

/// <summary>Runs a program to completion with a wall-clock limit, capturing stdout and stderr apart.</summary>
public static class ExternalProcess
{
    public static ProcessResult Run(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // The tool must not think it talks to a terminal (no progress spinners in captured output).
        start.Environment["TERM"] = "dumb";

        string command = string.Join(' ', new[] { fileName }.Concat(start.ArgumentList.Select(QuoteForDisplay)));
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        process.StandardInput.Close();
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var stdoutPump = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderrPump = process.StandardError.BaseStream.CopyToAsync(stderr);

        bool exited = process.WaitForExit(timeout);
        if (!exited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the timeout and the kill.
            }
            process.WaitForExit();
        }
        // Grandchildren (QEMU under minnow run, build servers under dotnet) may hold the pipes open
        // a little longer; what they wrote by then is what the test sees.
        Task.WaitAll([stdoutPump, stderrPump], TimeSpan.FromSeconds(10));
        clock.Stop();
        return new ProcessResult(command, exited ? process.ExitCode : -1, stdout.ToArray(), stderr.ToArray(), clock.Elapsed, !exited);
    }

    private static string QuoteForDisplay(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:@%+,".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}
