using Minnow.TestSupport;
using System.Diagnostics;
using Rpc.Tests.Support;

namespace Rpc.Tests.Interop;

/// <summary>
/// Builds the C side once per test run: Debian's rpcgen (-N -M) compiles calc.x into C stubs,
/// gcc links calc_server and calc_client against libtirpc, and the C server is started on loopback.
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
        Directory = Path.Combine(Path.GetTempPath(), $"minnow-rpc-interop-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(Directory);
        string source = Path.Combine(AppContext.BaseDirectory, "Interop");
        foreach (string file in new[] { "calc.x", "calc_server.c", "calc_client.c" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(Directory, file), overwrite: true);
        }
        RpcgenBuild.Build(Directory, "calc", "-N -M");

        _server = Process.Start(new ProcessStartInfo(Path.Combine(Directory, "calc_server")) { RedirectStandardOutput = true })!;
        string[] ports = (_server.StandardOutput.ReadLine() ?? throw new InvalidOperationException("calc_server did not start")).Split(' ');
        TcpPort = int.Parse(ports[1]);
        UdpPort = int.Parse(ports[3]);
    }

    public string Directory { get; }

    public int TcpPort { get; }

    public int UdpPort { get; }

    /// <summary>Runs the C client against a server and returns what it printed.</summary>
    public string RunClient(int port, string transport) => ToolRunner.Run(Path.Combine(Directory, "calc_client"), $"{port} {transport}", Directory, 60);

    public void Dispose()
    {
        _server.Kill();
        _server.WaitForExit();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
