using Minnow.TestSupport;
using System.Diagnostics;
using Cricket.Tests.Support;

namespace Cricket.Tests.Interop;

/// <summary>
/// Builds the C side once per test run: Debian's rpcgen (-N -M -C, as Cricket builds its stubs)
/// compiles our cricket.x into C stubs, gcc links cricket_server and cricket_client against
/// libtirpc, and the C server is started on an ephemeral TCP port.
/// </summary>
public sealed class CInteropFixture : IDisposable
{
    private readonly Process _server;

    public CInteropFixture()
    {
        ToolRunner.Require("rpcgen", "rpcsvc-proto");
        ToolRunner.Require("gcc", "gcc");
        if (!File.Exists("/usr/include/tirpc/rpc/rpc.h"))
        {
            throw new InvalidOperationException("libtirpc's headers are missing: install the Debian package libtirpc-dev (make deps)");
        }
        Directory = Path.Combine(Path.GetTempPath(), $"minnow-cricket-interop-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(Directory);
        string source = Path.Combine(AppContext.BaseDirectory, "Interop");
        foreach (string file in new[] { "cricket.x", "cricket_server.c", "cricket_client.c" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(Directory, file), overwrite: true);
        }
        RpcgenBuild.Build(Directory, "cricket", "-N -M -C");

        _server = Process.Start(new ProcessStartInfo(Path.Combine(Directory, "cricket_server")) { RedirectStandardOutput = true })!;
        string line = _server.StandardOutput.ReadLine() ?? throw new InvalidOperationException("cricket_server did not start");
        Port = int.Parse(line.Split(' ')[1]);
    }

    public string Directory { get; }

    /// <summary>The C server's TCP port.</summary>
    public int Port { get; }

    /// <summary>Runs the C client against a server and returns what it printed.</summary>
    public string RunClient(int port) => ToolRunner.Run(Path.Combine(Directory, "cricket_client"), $"{port}", Directory, 60);

    public void Dispose()
    {
        _server.Kill();
        _server.WaitForExit();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
