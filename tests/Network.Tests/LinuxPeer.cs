using System.Diagnostics;
using Minnow.Qemu.Topology;
using Minnow.TestSupport;

namespace Minnow.Network.Tests;

/// <summary>Peers/peer.py running inside a test namespace: Linux's own TCP/UDP on the other end.</summary>
public sealed class LinuxPeer : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private readonly string _description;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LinuxPeer(Process process, string description)
    {
        _process = process;
        _description = description;
        _stdout = ReadOutput(process.StandardOutput);
        _stderr = process.StandardError.ReadToEndAsync();
    }

    private async Task<string> ReadOutput(StreamReader reader)
    {
        var text = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync() is string line)
        {
            text.AppendLine(line);
            if (line == "listening")
                _listening.TrySetResult();
        }
        return text.ToString();
    }

    /// <summary>
    /// Starts a server mode of peer.py and returns once it says "listening", so an image that boots
    /// quickly does not knock on a port that is not open yet.
    /// </summary>
    public static LinuxPeer StartListening(NetworkNamespace ns, params string[] arguments)
    {
        LinuxPeer peer = Start(ns, arguments);
        Task ready = peer._listening.Task;
        if (Task.WhenAny(ready, peer._stdout).Wait(TimeSpan.FromSeconds(30)) && ready.IsCompleted)
            return peer;
        var (code, output) = peer.Finish(TimeSpan.FromSeconds(1));
        peer.Dispose();
        throw new InvalidOperationException($"peer.py did not start listening (exit {code}):\n{output}");
    }

    public static LinuxPeer Start(NetworkNamespace ns, params string[] arguments)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "netns", "exec", ns.Name, "python3", RepositoryPaths.Combine("tests", "Network.Tests", "Peers", "peer.py") }.Concat(arguments))
            start.ArgumentList.Add(argument);
        return new LinuxPeer(Process.Start(start)!, "peer.py " + string.Join(' ', arguments));
    }

    /// <summary>Waits for the peer to finish; its exit code and everything it printed.</summary>
    public (int ExitCode, string Output) Finish(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            return (-1, $"{_description}: timed out after {timeout.TotalSeconds:0} s\n{_stdout.Result}\n{_stderr.Result}");
        }
        return (_process.ExitCode, $"{_description}: exit {_process.ExitCode}\n{_stdout.Result}{_stderr.Result}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
