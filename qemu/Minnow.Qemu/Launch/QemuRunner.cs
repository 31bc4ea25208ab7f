using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Minnow.Qemu.Launch;

/// <summary>
/// Boots an image and relays it: the program's output to <paramref name="programOutput"/>, the
/// kernel's lines (prefixed "minnow: ") to the kernel log and, through <paramref name="kernelLine"/>,
/// to the caller (which symbolizes panics); other QEMU stderr lines as they are.
/// </summary>
public sealed partial class QemuRunner(Stream programOutput, Action<string> kernelLine, Action<string> otherError)
{
    public const string KernelPrefix = "minnow: ";

    [GeneratedRegex(@"^minnow: exit (?<status>-?\d+)$")]
    private static partial Regex ExitLine();

    public QemuRunResult Run(QemuOptions options, string accelerator, CancellationToken stop = default)
    {
        if (!File.Exists(options.Image))
            return Failed($"image {options.Image} does not exist: build it first (make image or make images)", accelerator);
        string qemu = FindQemu() ?? "";
        if (qemu.Length == 0)
            return Failed("qemu-system-x86_64 not found: install the Debian package qemu-system-x86 (make deps does it)", accelerator);

        var start = new ProcessStartInfo(qemu)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in QemuCommandLine.Build(options, accelerator))
            start.ArgumentList.Add(argument);

        var log = new StringBuilder();
        using var logFile = options.KernelLogFile is null ? null : new StreamWriter(options.KernelLogFile, append: false) { AutoFlush = true };
        int? guestStatus = null;
        bool panicked = false;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();

        var stdoutPump = Task.Run(() =>
        {
            var buffer = new byte[4096];
            int n;
            var source = process.StandardOutput.BaseStream;
            while ((n = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                programOutput.Write(buffer, 0, n);
                programOutput.Flush();
            }
        });
        var stderrPump = Task.Run(() =>
        {
            string? line;
            while ((line = process.StandardError.ReadLine()) is not null)
            {
                if (!line.StartsWith(KernelPrefix, StringComparison.Ordinal))
                {
                    otherError(line);
                    continue;
                }
                lock (log)
                    log.AppendLine(line);
                logFile?.WriteLine(line);
                var exit = ExitLine().Match(line);
                if (exit.Success)
                    guestStatus = int.Parse(exit.Groups["status"].Value);
                if (line.StartsWith(KernelPrefix + "PANIC", StringComparison.Ordinal))
                    panicked = true;
                kernelLine(line);
            }
        });

        // Under a debugger the guest may sit at a breakpoint indefinitely: no timeout then.
        var limit = options.WaitForDebugger ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(options.TimeoutSeconds);
        bool exited;
        try
        {
            exited = process.WaitForExitAsync(stop).Wait(limit);
        }
        catch (AggregateException e) when (e.InnerException is OperationCanceledException)
        {
            exited = false;
        }
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        Task.WaitAll([stdoutPump, stderrPump], TimeSpan.FromSeconds(5));
        clock.Stop();

        int qemuExit = process.ExitCode;
        int status;
        if (!exited)
            status = HarnessExitStatus.Timeout;
        else if (guestStatus is { } guest)
            status = panicked ? HarnessExitStatus.KernelPanic : guest & 0xFF;
        else if (qemuExit == 0)
            status = HarnessExitStatus.NoStatus;
        else
            status = HarnessExitStatus.CannotStart;
        string kernelLog;
        lock (log)
            kernelLog = log.ToString();
        return new QemuRunResult(status, guestStatus, qemuExit, !exited, panicked, accelerator, clock.Elapsed, kernelLog);
    }

    public static string? FindQemu()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "qemu-system-x86_64");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    private QemuRunResult Failed(string message, string accelerator)
    {
        otherError("minnow run: " + message);
        return new QemuRunResult(HarnessExitStatus.CannotStart, null, -1, false, false, accelerator, TimeSpan.Zero, "");
    }
}
