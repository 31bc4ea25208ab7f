using System.Net;
using Cricket.Tests.Support;
using Minnow.Rpc.Cricket;

namespace Cricket.Tests.Interop;

/// <summary>
/// Real peers from our cricket.x: rpcgen/libtirpc's C client against the C# CPU server, and
/// CricketClient against rpcgen/libtirpc's C stub server.
/// </summary>
public sealed class CInteropTests : IClassFixture<CInteropFixture>
{
    private readonly CInteropFixture _c;

    public CInteropTests(CInteropFixture c)
    {
        _c = c;
    }

    [Fact]
    public async Task TheCClientDrivesTheCSharpServer()
    {
        await using var server = new CpuServer();
        string output = await Task.Run(() => _c.RunClient(server.EndPoint.Port));
        Assert.Equal(
            """
            ping 42
            devices err=0 count=1
            malloc err=0 nonnull=1
            htod 0
            dtoh err=0 same=1
            htod size mismatch 999
            free 0
            free again 1
            error 1 cudaErrorInvalidValue

            """, output);
        Assert.Equal(0, server.Device.AllocationCount);
    }

    [Fact]
    public async Task TheCSharpClientDrivesTheCServer()
    {
        await using CricketClient gpu = await CricketClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _c.Port));
        Assert.Equal(42, await gpu.PingAsync());
        Assert.Equal(3, await gpu.GetDeviceCountAsync());
        DeviceProperties properties = await gpu.GetDevicePropertiesAsync(0);
        Assert.Equal("C stub device", properties.Name);
        Assert.Equal(65536UL, properties.TotalGlobalMemory);
        Assert.Equal("8.6", properties.ComputeCapability);
        Assert.Equal(CudaErrors.InvalidDevice, (await Assert.ThrowsAsync<CricketException>(() => gpu.GetDevicePropertiesAsync(1))).Error);
        Assert.Equal((1000UL, 65536UL), await gpu.GetMemoryInfoAsync());

        DevicePointer p = await gpu.MallocAsync(40_000);
        var data = new byte[40_000];
        Random.Shared.NextBytes(data);
        await gpu.CopyToDeviceAsync(p, data);
        await gpu.MemsetAsync(p, 7, 10);
        var back = new byte[data.Length];
        await gpu.CopyFromDeviceAsync(p, back);
        Assert.All(back[..10], b => Assert.Equal(7, b));
        Assert.Equal(data[10..], back[10..]);
        await gpu.FreeAsync(p);
        Assert.Equal(CudaErrors.MemoryAllocation, (await Assert.ThrowsAsync<CricketException>(() => gpu.MallocAsync(1 << 20))).Error);
        Assert.Equal("cudaErrorInvalidValue", await gpu.GetErrorNameAsync(1));
        await gpu.SynchronizeAsync();
    }
}
