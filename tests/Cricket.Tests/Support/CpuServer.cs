using System.Net;
using Minnow.GpuServer;
using Minnow.Rpc.Server;

namespace Cricket.Tests.Support;

/// <summary>The CPU-backed Cricket server in this process, on a loopback port.</summary>
public sealed class CpuServer : IAsyncDisposable
{
    private readonly RpcServer _server = new();

    public CpuServer(ulong memoryBytes = 1UL << 30, uint version = 1)
    {
        Device = new CricketCpuServer(new CpuDeviceOptions { MemoryBytes = memoryBytes });
        _server.Add(version == 1 ? Device : new VersionedProgram(Device, version));
        EndPoint = _server.StartTcp(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public CricketCpuServer Device { get; }

    public IPEndPoint EndPoint { get; }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Device.Dispose();
    }
}
