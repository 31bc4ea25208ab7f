using System.Text;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using Minnow.Gpu.Kernels;
using Minnow.Gpu.Ptx;
using Minnow.Rpc.Cricket;
using Minnow.Rpc.Cricket.Protocol;
using Minnow.Rpc.Server;

namespace Minnow.GpuServer;

/// <summary>
/// Cricket's procedures (rpc/cricket/cricket.x) on a CPU device: one device, whose memory is host
/// memory (<see cref="DeviceMemory"/>) and whose kernels are the C# methods of Minnow.Gpu.Kernels.
/// A loaded PTX module is recognised by the names of its <c>.entry</c> functions; launches of a
/// known entry run the same C# kernel on the CPU. Error numbers are those Cricket passes back from
/// CUDA for the same mistakes (see rpc/cricket/README.md). Calls are serialised: the device does one
/// thing at a time, as a CUDA stream would.
/// </summary>
public sealed class CricketCpuServer : CricketProgV1ServerBase, IDisposable
{
    private const ulong HandleBase = 0x5000_0000_0000;

    private readonly Lock _lock = new();
    private readonly Context _context;
    private readonly CPUAccelerator _accelerator;
    private readonly DeviceMemory _memory;
    private readonly Dictionary<string, CpuKernel> _knownEntries;
    private readonly Dictionary<ulong, LoadedModule> _modules = [];
    private readonly Dictionary<ulong, CpuKernel> _functions = [];
    private readonly Dictionary<ulong, ulong> _registeredFunctions = [];
    private readonly Dictionary<ulong, ulong> _moduleKeys = [];
    private readonly CpuDeviceOptions _options;
    private readonly DeviceProperties _properties;
    private ulong _nextHandle = HandleBase;
    private int _lastError;

    public CricketCpuServer(CpuDeviceOptions? options = null)
    {
        _options = options ?? new CpuDeviceOptions();
        AssertionsAsExceptions.Install();
        _context = Context.Create(builder => builder.CPU().Assertions());
        _accelerator = _context.CreateCPUAccelerator(0);
        _memory = new DeviceMemory(_accelerator, _options.MemoryBytes);
        _knownEntries = KernelCatalog.All
            .Join(PtxKernels.All, k => k.Name, p => p.Name, (k, p) => new CpuKernel(k.Name, p.EntryName, k.Method))
            .ToDictionary(k => k.EntryName);
        _properties = new DeviceProperties
        {
            Name = _options.Name,
            TotalGlobalMemory = _options.MemoryBytes,
            SharedMemoryPerBlock = 48 << 10,
            RegistersPerBlock = 65536,
            WarpSize = 32,
            MaxThreadsPerBlock = 1024,
            MaxThreadsDim = (1024, 1024, 64),
            MaxGridSize = (int.MaxValue, 65535, 65535),
            TotalConstantMemory = 64 << 10,
            // The PTX the build makes targets sm_52.
            ComputeCapabilityMajor = 5,
            ComputeCapabilityMinor = 2,
            MultiProcessorCount = Environment.ProcessorCount,
        };
    }

    /// <summary>Entry names of the kernels this device can run.</summary>
    public IEnumerable<string> KnownEntries => _knownEntries.Keys;

    /// <summary>Live allocations (for tests and the exit log).</summary>
    public int AllocationCount
    {
        get
        {
            lock (_lock)
            {
                return _memory.AllocationCount;
            }
        }
    }

    public void Dispose()
    {
        _memory.Dispose();
        _accelerator.Dispose();
        _context.Dispose();
    }

    protected override ValueTask<int> DeinitAsync(RpcCallContext context, CancellationToken cancellationToken)
    {
        Log("rpc_deinit");
        return ValueTask.FromResult(0);
    }

    protected override ValueTask<int> PrintMessageAsync(string arg1, RpcCallContext context, CancellationToken cancellationToken)
    {
        Log($"message from {context.RemoteEndPoint}: \"{arg1}\"");
        return ValueTask.FromResult(CricketProtocol.PingAnswer);
    }

    protected override ValueTask<IntResult> GetDeviceAsync(RpcCallContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(new IntResult { Err = 0, Value = 0 });

    protected override ValueTask<IntResult> GetDeviceCountAsync(RpcCallContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(new IntResult { Err = 0, Value = 1 });

    protected override ValueTask<DevicePropResult> GetDevicePropertiesAsync(int arg1, RpcCallContext context, CancellationToken cancellationToken)
    {
        int error = Record(arg1 == 0 ? CudaErrors.Success : CudaErrors.InvalidDevice);
        return ValueTask.FromResult(error == 0 ? new DevicePropResult { Err = 0, Prop = _properties.ToBytes() } : new DevicePropResult { Err = error });
    }

    protected override ValueTask<int> SetDeviceAsync(int arg1, RpcCallContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(Record(arg1 == 0 ? CudaErrors.Success : CudaErrors.InvalidDevice));

    protected override ValueTask<TextResult> GetErrorNameAsync(int arg1, RpcCallContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(new TextResult { Err = 0, Text = CudaErrors.RuntimeName(arg1) ?? "unrecognized error code" });

    protected override ValueTask<TextResult> GetErrorStringAsync(int arg1, RpcCallContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(new TextResult { Err = 0, Text = CudaErrors.Description(arg1) ?? "unrecognized error code" });

    protected override ValueTask<int> GetLastErrorAsync(RpcCallContext context, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            int error = _lastError;
            _lastError = 0;
            return ValueTask.FromResult(error);
        }
    }

    protected override ValueTask<int> DeviceSynchronizeAsync(RpcCallContext context, CancellationToken cancellationToken)
    {
        // Launches run to completion before they answer: there is never outstanding work.
        lock (_lock)
        {
            _accelerator.Synchronize();
        }
        return ValueTask.FromResult(0);
    }

    protected override ValueTask<PtrResult> MallocAsync(ulong arg1, RpcCallContext context, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (arg1 == 0)
            {
                return ValueTask.FromResult(new PtrResult { Err = 0, Pointer = 0 }); // cudaMalloc(0) succeeds with NULL
            }
            ulong? address = _memory.Allocate(arg1);
            Log($"cudaMalloc({arg1}) -> {(address is { } a ? $"0x{a:x}" : "out of memory")}");
            return ValueTask.FromResult(address is { } found
                ? new PtrResult { Err = 0, Pointer = found }
                : new PtrResult { Err = Record(CudaErrors.MemoryAllocation) });
        }
    }

    protected override ValueTask<int> FreeAsync(ulong arg1, RpcCallContext context, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // cudaFree(NULL) does nothing; any address but an allocation's start is invalid.
            return ValueTask.FromResult(Record(arg1 == 0 || _memory.Free(arg1) ? CudaErrors.Success : CudaErrors.InvalidValue));
        }
    }

    protected override ValueTask<MemInfoResult> MemGetInfoAsync(RpcCallContext context, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(new MemInfoResult { Err = 0, Info = new MemInfo { FreeBytes = _memory.Capacity - _memory.Used, TotalBytes = _memory.Capacity } });
        }
    }

    protected override ValueTask<int> MemcpyHtodAsync(ulong arg1, byte[] arg2, ulong arg3, RpcCallContext context, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (arg3 != (ulong)arg2.Length)
            {
                // Cricket checks this before calling CUDA and answers cudaErrorUnknown.
                return ValueTask.FromResult(Record(CudaErrors.Unknown));
            }
            if (arg3 == 0)
            {
                return ValueTask.FromResult(0);
            }
            if (!_memory.TryGetView(arg1, arg3, out ArrayView<byte> view))
            {
                return ValueTask.FromResult(Record(CudaErrors.InvalidValue));
            }
            view.CopyFromCPU(arg2);
            return ValueTask.FromResult(0);
        }
    }

    protected override ValueTask<DataResult> MemcpyDtohAsync(ulong arg1, ulong arg2, RpcCallContext context, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (arg2 == 0)
            {
                return ValueTask.FromResult(new DataResult { Err = 0, Data = [] });
            }
            if (arg2 > int.MaxValue || !_memory.TryGetView(arg1, arg2, out ArrayView<byte> view))
            {
                return ValueTask.FromResult(new DataResult { Err = Record(CudaErrors.InvalidValue) });
            }
            var data = new byte[arg2];
            view.CopyToCPU(data);
            return ValueTask.FromResult(new DataResult { Err = 0, Data = data });
        }
    }

    protected override ValueTask<int> MemcpyDtodAsync(ulong arg1, ulong arg2, ulong arg3, RpcCallContext context, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (arg3 == 0)
            {
                return ValueTask.FromResult(0);
            }
            if (!_memory.TryGetView(arg1, arg3, out ArrayView<byte> destination) || !_memory.TryGetView(arg2, arg3, out ArrayView<byte> source))
            {
                return ValueTask.FromResult(Record(CudaErrors.InvalidValue));
            }
            source.CopyTo(destination);
            return ValueTask.FromResult(0);
        }
    }

    protected override ValueTask<int> MemsetAsync(ulong arg1, int arg2, ulong arg3, RpcCallContext context, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (arg3 == 0)
            {
                return ValueTask.FromResult(0);
            }
            if (arg3 > int.MaxValue || !_memory.TryGetView(arg1, arg3, out ArrayView<byte> view))
            {
                return ValueTask.FromResult(Record(CudaErrors.InvalidValue));
            }
            var fill = new byte[arg3];
            Array.Fill(fill, (byte)arg2);
            view.CopyFromCPU(fill);
            return ValueTask.FromResult(0);
        }
    }

    protected override ValueTask<int> CuInitAsync(int arg1, RpcCallContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(arg1 == 0 ? CudaErrors.Success : CudaErrors.InvalidValue);

    protected override ValueTask<PtrResult> CuModuleLoadDataAsync(byte[] arg1, RpcCallContext context, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            int error = Load(arg1, out ulong handle);
            return ValueTask.FromResult(error == 0 ? new PtrResult { Err = 0, Pointer = handle } : new PtrResult { Err = error });
        }
    }

    protected override ValueTask<int> ElfLoadAsync(byte[] arg1, ulong arg2, RpcCallContext context, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            int error = Load(arg1, out ulong handle);
            if (error == 0)
            {
                _moduleKeys[arg2] = handle; // the client's key for the module
            }
            return ValueTask.FromResult(error);
        }
    }

    protected override ValueTask<PtrResult> CuModuleGetFunctionAsync(ulong arg1, string arg2, RpcCallContext context, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            int error = GetFunction(arg1, arg2, out ulong function);
            return ValueTask.FromResult(error == 0 ? new PtrResult { Err = 0, Pointer = function } : new PtrResult { Err = error });
        }
    }

    protected override ValueTask<PtrResult> RegisterFunctionAsync(ulong arg1, ulong arg2, string arg3, string arg4, int arg5, RpcCallContext context, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_moduleKeys.TryGetValue(arg1, out ulong module))
            {
                // Cricket answers -1 for a module key it was never given.
                return ValueTask.FromResult(new PtrResult { Err = -1 });
            }
            int error = GetFunction(module, arg4, out ulong function);
            if (error != 0)
            {
                return ValueTask.FromResult(new PtrResult { Err = error });
            }
            _registeredFunctions[arg2] = function;
            return ValueTask.FromResult(new PtrResult { Err = 0, Pointer = function });
        }
    }

    protected override ValueTask<int> LaunchKernelAsync(ulong arg1, Dim3T arg2, Dim3T arg3, byte[] arg4, ulong arg5, ulong arg6, RpcCallContext context, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // cudaLaunchKernel names the function by the client's key; Cricket falls back to the value itself.
            ulong function = _registeredFunctions.TryGetValue(arg1, out ulong registered) ? registered : arg1;
            return ValueTask.FromResult(Record(Launch(function, (arg2.X, arg2.Y, arg2.Z), (arg3.X, arg3.Y, arg3.Z), arg4, arg6)));
        }
    }

    protected override ValueTask<int> CuLaunchKernelAsync(ulong arg1, uint arg2, uint arg3, uint arg4, uint arg5, uint arg6, uint arg7, uint arg8, ulong arg9, byte[] arg10, RpcCallContext context, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(Launch(arg1, (arg2, arg3, arg4), (arg5, arg6, arg7), arg10, arg9));
        }
    }

    private int Load(byte[] image, out ulong handle)
    {
        handle = 0;
        if (image.Length == 0)
        {
            return CudaErrors.InvalidValue;
        }
        // Cubins (ELF) and fatbins are machine code for real GPUs: the CPU device has none to run.
        if (image.AsSpan().StartsWith(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }) || image.AsSpan().StartsWith(new byte[] { 0x50, 0xed, 0x55, 0xba }))
        {
            Log("module load: a cubin or fatbin; the CPU device runs PTX of Minnow's kernels only");
            return CudaErrors.NoKernelImageForDevice;
        }
        int end = Array.IndexOf(image, (byte)0);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(image, 0, end < 0 ? image.Length : end);
        }
        catch (DecoderFallbackException)
        {
            return CudaErrors.InvalidPtx;
        }
        if (!text.Contains(".version", StringComparison.Ordinal) || !text.Contains(".target", StringComparison.Ordinal))
        {
            return CudaErrors.InvalidPtx;
        }
        IReadOnlyList<string> entries = PtxKernel.EntryNames(text);
        var kernels = entries.Where(_knownEntries.ContainsKey).ToDictionary(e => e, e => _knownEntries[e]);
        handle = NewHandle();
        _modules[handle] = new LoadedModule(handle, entries, kernels);
        Log($"module 0x{handle:x}: entries {string.Join(", ", entries)}; runs {string.Join(", ", kernels.Keys)} on the CPU");
        return CudaErrors.Success;
    }

    private int GetFunction(ulong module, string name, out ulong function)
    {
        function = 0;
        if (!_modules.TryGetValue(module, out LoadedModule? loaded))
        {
            return CudaErrors.InvalidResourceHandle;
        }
        if (!loaded.Kernels.TryGetValue(name, out CpuKernel? kernel))
        {
            if (loaded.EntryNames.Contains(name))
            {
                Log($"{name}: in the module, but not a kernel of Minnow.Gpu.Kernels: the CPU device cannot run it");
            }
            return CudaErrors.NotFound;
        }
        function = NewHandle();
        _functions[function] = kernel;
        return CudaErrors.Success;
    }

    private int Launch(ulong function, (uint X, uint Y, uint Z) grid, (uint X, uint Y, uint Z) block, byte[] blob, ulong stream)
    {
        if (!_functions.TryGetValue(function, out CpuKernel? kernel))
        {
            return CudaErrors.InvalidResourceHandle;
        }
        if (stream != 0)
        {
            return CudaErrors.InvalidResourceHandle; // the CPU device has the default stream only
        }
        if (grid.X == 0 || grid.Y == 0 || grid.Z == 0 || block.X == 0 || block.Y == 0 || block.Z == 0
            || (ulong)block.X * block.Y * block.Z > (ulong)_properties.MaxThreadsPerBlock)
        {
            return CudaErrors.InvalidValue;
        }
        int error = kernel.Launch(_memory, blob, (ulong)grid.X * block.X, out string? detail);
        Log($"launch {kernel.Name} grid ({grid.X},{grid.Y},{grid.Z}) block ({block.X},{block.Y},{block.Z}) -> {error}{(detail is null ? "" : ": " + detail)}");
        return error;
    }

    private ulong NewHandle() => _nextHandle += 0x100;

    private int Record(int error)
    {
        if (error != 0)
        {
            _lastError = error;
        }
        return error;
    }

    private void Log(string message) => _options.Log?.WriteLine($"minnow-gpu-server: {message}");
}
