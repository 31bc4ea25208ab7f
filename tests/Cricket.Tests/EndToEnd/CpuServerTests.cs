using Minnow.GpuHello;
using Cricket.Tests.Support;
using Minnow.Gpu.Ptx;
using Minnow.Rpc.Cricket;
using Minnow.Rpc.Cricket.Protocol;

namespace Cricket.Tests.EndToEnd;

/// <summary>CricketClient against the CPU-backed server, in one process over loopback TCP.</summary>
public sealed class CpuServerTests : IAsyncLifetime
{
    private CpuServer _server = null!;
    private CricketClient _gpu = null!;

    public async Task InitializeAsync()
    {
        _server = new CpuServer();
        _gpu = await CricketClient.ConnectAsync(_server.EndPoint);
    }

    public async Task DisposeAsync()
    {
        await _gpu.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task SaxpyOverAMillionFloatsAndASumReductionMatchTheLocalComputation()
    {
        string line = await GpuWorkload.RunAsync(_gpu, 1 << 20);
        Assert.StartsWith("PASS", line);
        Assert.Equal(0, _server.Device.AllocationCount);
    }

    [Fact]
    public async Task TheDeviceDescribesItself()
    {
        Assert.Equal(CricketProtocol.PingAnswer, await _gpu.PingAsync());
        Assert.Equal(1, await _gpu.GetDeviceCountAsync());
        await _gpu.SetDeviceAsync(0);
        DeviceProperties properties = await _gpu.GetDevicePropertiesAsync(0);
        Assert.Contains("Minnow CPU", properties.Name);
        Assert.Equal("5.2", properties.ComputeCapability);
        Assert.Equal(1UL << 30, properties.TotalGlobalMemory);
        (ulong free, ulong total) = await _gpu.GetMemoryInfoAsync();
        Assert.Equal(1UL << 30, total);
        Assert.Equal(total, free);
        Assert.Equal("cudaErrorInvalidValue", await _gpu.GetErrorNameAsync(1));
        Assert.Equal("invalid argument", await _gpu.GetErrorStringAsync(1));
    }

    [Fact]
    public async Task CopiesLargerThanAChunkAndMemsetRoundTrip()
    {
        await using CricketClient gpu = await CricketClient.ConnectAsync(_server.EndPoint, new CricketClientOptions { CopyChunkSize = 4096 });
        byte[] data = new byte[50_000];
        Random.Shared.NextBytes(data);
        DevicePointer p = await gpu.MallocAsync((ulong)data.Length);
        await gpu.CopyToDeviceAsync(p, data);
        var back = new byte[data.Length];
        await gpu.CopyFromDeviceAsync(p, back);
        Assert.Equal(data, back);

        await gpu.MemsetAsync(p.Offset(100), 0xab, 1000);
        await gpu.CopyFromDeviceAsync(p, back);
        Assert.All(back.AsSpan(100, 1000).ToArray(), b => Assert.Equal(0xab, b));
        Assert.Equal(data[99], back[99]);
        Assert.Equal(data[1100], back[1100]);
        await gpu.FreeAsync(p);
    }

    [Fact]
    public async Task BadPointersGiveCudaErrorsNotCrashes()
    {
        DevicePointer p = await _gpu.MallocAsync(64);
        var free = await Assert.ThrowsAsync<CricketException>(() => _gpu.FreeAsync(p.Offset(8)));
        Assert.Equal(CudaErrors.InvalidValue, free.Error);
        Assert.Equal("cudaErrorInvalidValue", free.ErrorName);
        var copy = await Assert.ThrowsAsync<CricketException>(() => _gpu.CopyToDeviceAsync(p.Offset(32), new byte[64]));
        Assert.Equal(CudaErrors.InvalidValue, copy.Error);
        await Assert.ThrowsAsync<CricketException>(() => _gpu.CopyFromDeviceAsync(new DevicePointer(0x1234), new byte[4]));
        await Assert.ThrowsAsync<CricketException>(() => _gpu.MemsetAsync(p, 0, 65));
        var malloc = await Assert.ThrowsAsync<CricketException>(() => _gpu.MallocAsync(2UL << 30));
        Assert.Equal(CudaErrors.MemoryAllocation, malloc.Error);
        Assert.Equal(CudaErrors.MemoryAllocation, await _gpu.GetLastErrorAsync());
        Assert.Equal(0, await _gpu.GetLastErrorAsync());
        // A size that disagrees with the payload: Cricket answers cudaErrorUnknown.
        Assert.Equal(CudaErrors.Unknown, (await _gpu.Protocol.MemcpyHtodAsync(p.Address, new byte[8], 16)).Value);
        await _gpu.FreeAsync(p);
        await _gpu.FreeAsync(DevicePointer.Null);
    }

    [Fact]
    public async Task ModulesAndLaunchesReportCudaErrors()
    {
        var image = await Assert.ThrowsAsync<CricketException>(() => _gpu.LoadModuleAsync("not ptx\0"u8.ToArray()));
        Assert.Equal(CudaErrors.InvalidPtx, image.Error);
        Assert.Equal("CUDA_ERROR_INVALID_PTX", image.ErrorName);
        Assert.Equal(CudaErrors.NoKernelImageForDevice, (await Assert.ThrowsAsync<CricketException>(() => _gpu.LoadModuleAsync([0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1]))).Error);

        CudaModule module = await _gpu.LoadPtxAsync(PtxKernels.Saxpy.Ptx);
        Assert.Equal(CudaErrors.NotFound, (await Assert.ThrowsAsync<CricketException>(() => _gpu.GetFunctionAsync(module, "Kernel_Missing"))).Error);
        Assert.Equal(CudaErrors.InvalidResourceHandle, (await Assert.ThrowsAsync<CricketException>(() => _gpu.GetFunctionAsync(new CudaModule(42), PtxKernels.Saxpy.EntryName))).Error);
        CudaFunction saxpy = await _gpu.GetFunctionAsync(module, PtxKernels.Saxpy.EntryName);

        DevicePointer x = await _gpu.MallocAsync(16 * sizeof(float));
        DevicePointer y = await _gpu.MallocAsync(16 * sizeof(float));
        // The extent says 1000 elements, the views hold 16: the kernel indexes past them.
        var outside = await Assert.ThrowsAsync<CricketException>(() => _gpu.LaunchAsync(saxpy, 4, 256, new KernelArguments().Add(1000).Add(1f).AddArrayView(x, 16).AddArrayView(y, 16)));
        Assert.Equal(CudaErrors.IllegalAddress, outside.Error);
        // Views that claim more memory than the allocation has.
        Assert.Equal(CudaErrors.IllegalAddress, (await Assert.ThrowsAsync<CricketException>(() => _gpu.LaunchAsync(saxpy, 1, 16, new KernelArguments().Add(16).Add(1f).AddArrayView(x, 17).AddArrayView(y, 16)))).Error);
        // Wrong parameter count, empty block.
        Assert.Equal(CudaErrors.InvalidValue, (await Assert.ThrowsAsync<CricketException>(() => _gpu.LaunchAsync(saxpy, 1, 16, new KernelArguments().Add(16)))).Error);
        Assert.Equal(CudaErrors.InvalidValue, (await Assert.ThrowsAsync<CricketException>(() => _gpu.LaunchAsync(saxpy, 1, 0, new KernelArguments().Add(16).Add(1f).AddArrayView(x, 16).AddArrayView(y, 16)))).Error);
        Assert.Equal(CudaErrors.InvalidResourceHandle, (await Assert.ThrowsAsync<CricketException>(() => _gpu.LaunchAsync(new CudaFunction(7, "x"), 1, 1, new KernelArguments()))).Error);

        // Still serving.
        await _gpu.LaunchAsync(saxpy, 1, 16, new KernelArguments().Add(16).Add(1f).AddArrayView(x, 16).AddArrayView(y, 16));
        await _gpu.SynchronizeAsync();
    }

    [Fact]
    public async Task TheRuntimeApiPathLoadsRegistersAndLaunchesByClientKeys()
    {
        const ulong ModuleKey = 0xabc000, HostFunction = 0x401000;
        Assert.Equal(0, (await _gpu.Protocol.ElfLoadAsync(PtxKernels.Saxpy.ToImage(), ModuleKey)).Value);
        PtrResult unknownModule = (await _gpu.Protocol.RegisterFunctionAsync(0x999, HostFunction, "saxpy", PtxKernels.Saxpy.EntryName, -1)).Value;
        Assert.Equal(-1, unknownModule.Err);
        PtrResult registered = (await _gpu.Protocol.RegisterFunctionAsync(ModuleKey, HostFunction, "saxpy", PtxKernels.Saxpy.EntryName, -1)).Value;
        Assert.Equal(0, registered.Err);

        float[] x = [1, 2, 3, 4], y = [10, 20, 30, 40];
        DevicePointer dx = await _gpu.MallocAsync(16), dy = await _gpu.MallocAsync(16);
        await _gpu.CopyToDeviceAsync(dx, x);
        await _gpu.CopyToDeviceAsync(dy, y);
        byte[] blob = new KernelArguments().Add(4).Add(3f).AddArrayView(dx, 4).AddArrayView(dy, 4).ToBlob();
        int launched = (await _gpu.Protocol.LaunchKernelAsync(HostFunction, new Dim3T { X = 1, Y = 1, Z = 1 }, new Dim3T { X = 32, Y = 1, Z = 1 }, blob, 0, 0)).Value;
        Assert.Equal(0, launched);
        var result = new float[4];
        await _gpu.CopyFromDeviceAsync(dy, result);
        Assert.Equal(new float[] { 13, 26, 39, 52 }, result);
    }
}
