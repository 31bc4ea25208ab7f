using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Minnow.Rpc.Binding;
using Minnow.Rpc.Client;
using Minnow.Rpc.Cricket.Protocol;
using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Cricket;

/// <summary>
/// A session with a Cricket server (a remote GPU, or Minnow's CPU-backed server): the CUDA calls a
/// workload needs, typed. Every call but <see cref="SynchronizeAsync"/> is bounded by
/// <see cref="CricketClientOptions.CallTimeout"/>. Failures are exceptions: <see cref="CricketException"/>
/// when CUDA on the server answered with an error, <see cref="RpcException"/> when the server could
/// not be reached or answered something undecodable.
/// </summary>
public sealed class CricketClient : IAsyncDisposable
{
    private readonly RpcCallOptions _callOptions;

    private CricketClient(IRpcClient rpc, EndPoint server, CricketClientOptions options)
    {
        Options = options;
        Server = server;
        Protocol = new CricketProgV1Client(options.Version == CricketProtocol.DefaultVersion ? rpc : new VersionedRpcClient(rpc, options.Version));
        _callOptions = RpcCallOptions.WithTimeout(options.CallTimeout);
    }

    public CricketClientOptions Options { get; }

    /// <summary>The server's TCP endpoint.</summary>
    public EndPoint Server { get; }

    /// <summary>The generated stubs, for procedures the typed API does not cover.</summary>
    public CricketProgV1Client Protocol { get; }

    /// <summary>Connects to a server at a known TCP endpoint (no rpcbind).</summary>
    public static async Task<CricketClient> ConnectAsync(IPEndPoint server, CricketClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= CricketClientOptions.Default;
        var rpc = new RpcTcpClient(server, RpcOptions(options));
        if (await rpc.ConnectAsync(cancellationToken).ConfigureAwait(false) is { } error)
        {
            await rpc.DisposeAsync().ConfigureAwait(false);
            throw Failure($"connecting to the Cricket server at {server}", error);
        }
        return new CricketClient(rpc, server, options);
    }

    /// <summary>
    /// Finds the server's port through rpcbind on port 111 of <paramref name="host"/> (rpcbind v4
    /// GETADDR on "tcp", then portmap v2 GETPORT for portmappers without v4) and connects.
    /// </summary>
    public static async Task<CricketClient> ConnectViaRpcbindAsync(IPAddress host, CricketClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= CricketClientOptions.Default;
        IPEndPoint server = await LookUpAsync(host, options, cancellationToken).ConfigureAwait(false);
        return await ConnectAsync(server, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects to "host:port" directly, or to "host" through its rpcbind, as Cricket's clients
    /// interpret REMOTE_GPU_ADDRESS. The host is an IP address or a name.
    /// </summary>
    public static async Task<CricketClient> ConnectAsync(string address, CricketClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        if (IPEndPoint.TryParse(address, out IPEndPoint? endPoint) && endPoint.Port != 0)
        {
            return await ConnectAsync(endPoint, options, cancellationToken).ConfigureAwait(false);
        }
        string host = address;
        int? port = null;
        int colon = address.LastIndexOf(':');
        if (colon > 0 && address.IndexOf(':') == colon && int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
        {
            host = address[..colon];
            port = parsed;
        }
        if (!IPAddress.TryParse(host, out IPAddress? ip))
        {
            IPAddress[] addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            ip = addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
                ?? throw new ArgumentException($"{host} has no address", nameof(address));
        }
        return port is int p
            ? await ConnectAsync(new IPEndPoint(ip, p), options, cancellationToken).ConfigureAwait(false)
            : await ConnectViaRpcbindAsync(ip, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects where the environment says, as Cricket's clients do: REMOTE_GPU_ADDRESS (host, or
    /// host:port; <paramref name="defaultAddress"/> when unset) and CRICKET_RPCID (the version).
    /// </summary>
    public static Task<CricketClient> ConnectFromEnvironmentAsync(string defaultAddress = "127.0.0.1", CricketClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= CricketClientOptions.Default;
        string? version = Environment.GetEnvironmentVariable(CricketProtocol.VersionVariable);
        if (!string.IsNullOrEmpty(version))
        {
            options = options with { Version = uint.Parse(version, CultureInfo.InvariantCulture) };
        }
        string? address = Environment.GetEnvironmentVariable(CricketProtocol.AddressVariable);
        return ConnectAsync(string.IsNullOrEmpty(address) ? defaultAddress : address, options, cancellationToken);
    }

    /// <summary>Liveness ping (procedure 2): the server logs <paramref name="message"/> and answers 42.</summary>
    public async Task<int> PingAsync(string message = "minnow", CancellationToken cancellationToken = default)
        => await CallAsync("rpc_printmessage", Protocol.PrintMessageAsync(message, _callOptions, cancellationToken)).ConfigureAwait(false);

    public async Task<int> GetDeviceCountAsync(CancellationToken cancellationToken = default)
    {
        IntResult result = await CallAsync("cudaGetDeviceCount", Protocol.GetDeviceCountAsync(_callOptions, cancellationToken)).ConfigureAwait(false);
        ThrowIfError("cudaGetDeviceCount", result.Err);
        return result.Value;
    }

    public async Task SetDeviceAsync(int device, CancellationToken cancellationToken = default)
        => ThrowIfError("cudaSetDevice", await CallAsync("cudaSetDevice", Protocol.SetDeviceAsync(device, _callOptions, cancellationToken)).ConfigureAwait(false));

    public async Task<DeviceProperties> GetDevicePropertiesAsync(int device, CancellationToken cancellationToken = default)
    {
        DevicePropResult result = await CallAsync("cudaGetDeviceProperties", Protocol.GetDevicePropertiesAsync(device, _callOptions, cancellationToken)).ConfigureAwait(false);
        ThrowIfError("cudaGetDeviceProperties", result.Err);
        return DeviceProperties.Parse(result.Prop ?? throw Malformed("cudaGetDeviceProperties"));
    }

    /// <summary>cudaMemGetInfo: free and total device memory in bytes.</summary>
    public async Task<(ulong Free, ulong Total)> GetMemoryInfoAsync(CancellationToken cancellationToken = default)
    {
        MemInfoResult result = await CallAsync("cudaMemGetInfo", Protocol.MemGetInfoAsync(_callOptions, cancellationToken)).ConfigureAwait(false);
        ThrowIfError("cudaMemGetInfo", result.Err);
        MemInfo info = result.Info ?? throw Malformed("cudaMemGetInfo");
        return (info.FreeBytes, info.TotalBytes);
    }

    public async Task<DevicePointer> MallocAsync(ulong bytes, CancellationToken cancellationToken = default)
    {
        PtrResult result = await CallAsync("cudaMalloc", Protocol.MallocAsync(bytes, _callOptions, cancellationToken)).ConfigureAwait(false);
        ThrowIfError("cudaMalloc", result.Err);
        return new DevicePointer(result.Pointer);
    }

    public async Task FreeAsync(DevicePointer pointer, CancellationToken cancellationToken = default)
        => ThrowIfError("cudaFree", await CallAsync("cudaFree", Protocol.FreeAsync(pointer.Address, _callOptions, cancellationToken)).ConfigureAwait(false));

    /// <summary>cudaMemset: sets <paramref name="bytes"/> bytes at <paramref name="pointer"/> to the low byte of <paramref name="value"/>.</summary>
    public async Task MemsetAsync(DevicePointer pointer, int value, ulong bytes, CancellationToken cancellationToken = default)
        => ThrowIfError("cudaMemset", await CallAsync("cudaMemset", Protocol.MemsetAsync(pointer.Address, value, bytes, _callOptions, cancellationToken)).ConfigureAwait(false));

    /// <summary>Copies host bytes to the device, in chunks of at most <see cref="CricketClientOptions.CopyChunkSize"/>.</summary>
    public async Task CopyToDeviceAsync(DevicePointer destination, ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        for (int offset = 0; offset < source.Length; offset += Options.CopyChunkSize)
        {
            ReadOnlyMemory<byte> slice = source.Slice(offset, Math.Min(Options.CopyChunkSize, source.Length - offset));
            // A chunk that is a whole array goes as it is: no copy of up to CopyChunkSize bytes.
            byte[] chunk = MemoryMarshal.TryGetArray(slice, out ArraySegment<byte> whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
                ? whole.Array
                : slice.ToArray();
            await CopyChunkToDeviceAsync(destination.Offset((ulong)offset), chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Copies an array of unmanaged values (their little-endian bytes) to the device.</summary>
    public async Task CopyToDeviceAsync<T>(DevicePointer destination, T[] source, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        long length = (long)source.Length * Marshal.SizeOf<T>();
        for (long offset = 0; offset < length; offset += Options.CopyChunkSize)
        {
            byte[] chunk = Slice(source, offset, (int)Math.Min(Options.CopyChunkSize, length - offset));
            await CopyChunkToDeviceAsync(destination.Offset((ulong)offset), chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Copies device bytes into <paramref name="destination"/>, in chunks.</summary>
    public async Task CopyFromDeviceAsync(DevicePointer source, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        for (int offset = 0; offset < destination.Length; offset += Options.CopyChunkSize)
        {
            int length = Math.Min(Options.CopyChunkSize, destination.Length - offset);
            Memory<byte> chunk = destination.Slice(offset, length);
            await CopyChunkFromDeviceAsync(source.Offset((ulong)offset), length, () => chunk.Span, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Copies device memory into an array of unmanaged values.</summary>
    public async Task CopyFromDeviceAsync<T>(DevicePointer source, T[] destination, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        long length = (long)destination.Length * Marshal.SizeOf<T>();
        for (long offset = 0; offset < length; offset += Options.CopyChunkSize)
        {
            int start = (int)offset, chunkLength = (int)Math.Min(Options.CopyChunkSize, length - offset);
            await CopyChunkFromDeviceAsync(source.Offset((ulong)offset), chunkLength,
                () => MemoryMarshal.AsBytes(destination.AsSpan()).Slice(start, chunkLength), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// cuModuleLoadData (procedure 1026): loads a module image — cubin, fatbin, or PTX text, which
    /// must end with a NUL byte (<see cref="LoadPtxAsync"/> adds it).
    /// </summary>
    public async Task<CudaModule> LoadModuleAsync(byte[] image, CancellationToken cancellationToken = default)
    {
        PtrResult result = await CallAsync("cuModuleLoadData", Protocol.CuModuleLoadDataAsync(image, _callOptions, cancellationToken)).ConfigureAwait(false);
        ThrowIfError("cuModuleLoadData", result.Err, driver: true);
        return new CudaModule(result.Pointer);
    }

    /// <summary>Loads PTX text, NUL-terminated as cuModuleLoadData requires.</summary>
    public Task<CudaModule> LoadPtxAsync(ReadOnlySpan<byte> ptx, CancellationToken cancellationToken = default)
    {
        int end = ptx.IndexOf((byte)0);
        ReadOnlySpan<byte> text = end < 0 ? ptx : ptx[..end];
        var image = new byte[text.Length + 1];
        text.CopyTo(image);
        return LoadModuleAsync(image, cancellationToken);
    }

    /// <summary>cuModuleGetFunction (procedure 1013): a kernel by its PTX entry name.</summary>
    public async Task<CudaFunction> GetFunctionAsync(CudaModule module, string name, CancellationToken cancellationToken = default)
    {
        PtrResult result = await CallAsync("cuModuleGetFunction", Protocol.CuModuleGetFunctionAsync(module.Handle, name, _callOptions, cancellationToken)).ConfigureAwait(false);
        ThrowIfError($"cuModuleGetFunction({name})", result.Err, driver: true);
        return new CudaFunction(result.Pointer, name);
    }

    /// <summary>cuLaunchKernel (procedure 1018) on the default stream. Launches are asynchronous on a GPU: see <see cref="SynchronizeAsync"/>.</summary>
    public async Task LaunchAsync(CudaFunction function, Dim3 grid, Dim3 block, KernelArguments arguments, uint sharedMemoryBytes = 0, CancellationToken cancellationToken = default)
    {
        int error = await CallAsync("cuLaunchKernel", Protocol.CuLaunchKernelAsync(
            function.Handle, grid.X, grid.Y, grid.Z, block.X, block.Y, block.Z, sharedMemoryBytes, 0, arguments.ToBlob(), _callOptions, cancellationToken)).ConfigureAwait(false);
        ThrowIfError($"cuLaunchKernel({function.Name})", error, driver: true);
    }

    /// <summary>cudaDeviceSynchronize: waits for all launched work, without a timeout (kernels may run long); a lost connection still ends it.</summary>
    public async Task SynchronizeAsync(CancellationToken cancellationToken = default)
        => ThrowIfError("cudaDeviceSynchronize", await CallAsync("cudaDeviceSynchronize", Protocol.DeviceSynchronizeAsync(RpcCallOptions.Infinite, cancellationToken)).ConfigureAwait(false));

    /// <summary>cudaGetLastError: the last error of the server's CUDA runtime (and resets it).</summary>
    public async Task<int> GetLastErrorAsync(CancellationToken cancellationToken = default)
        => await CallAsync("cudaGetLastError", Protocol.GetLastErrorAsync(_callOptions, cancellationToken)).ConfigureAwait(false);

    /// <summary>cudaGetErrorName, asked of the server.</summary>
    public async Task<string> GetErrorNameAsync(int error, CancellationToken cancellationToken = default)
    {
        TextResult result = await CallAsync("cudaGetErrorName", Protocol.GetErrorNameAsync(error, _callOptions, cancellationToken)).ConfigureAwait(false);
        ThrowIfError("cudaGetErrorName", result.Err);
        return result.Text ?? "";
    }

    /// <summary>cudaGetErrorString, asked of the server.</summary>
    public async Task<string> GetErrorStringAsync(int error, CancellationToken cancellationToken = default)
    {
        TextResult result = await CallAsync("cudaGetErrorString", Protocol.GetErrorStringAsync(error, _callOptions, cancellationToken)).ConfigureAwait(false);
        ThrowIfError("cudaGetErrorString", result.Err);
        return result.Text ?? "";
    }

    /// <summary>rpc_deinit: tells the server this client is done (Cricket logs it).</summary>
    public async Task DeinitAsync(CancellationToken cancellationToken = default)
        => await CallAsync("rpc_deinit", Protocol.DeinitAsync(_callOptions, cancellationToken)).ConfigureAwait(false);

    public ValueTask DisposeAsync() => Protocol.Client.DisposeAsync();

    internal static RpcClientOptions RpcOptions(CricketClientOptions options) => new()
    {
        DefaultTimeout = options.CallTimeout,
        ConnectTimeout = options.ConnectTimeout,
        MaxRecordSize = options.MaxReplySize,
    };

    private static async Task<IPEndPoint> LookUpAsync(IPAddress host, CricketClientOptions options, CancellationToken cancellationToken)
    {
        RpcClientOptions rpcOptions = RpcOptions(options) with { DefaultTimeout = options.ConnectTimeout };
        await using (var rpcbind = RpcbindClient.Connect(host, rpcOptions))
        {
            RpcResult<IPEndPoint?> address = await rpcbind.GetEndPointAsync(CricketProtocol.Program, options.Version, "tcp", cancellationToken).ConfigureAwait(false);
            if (address.IsSuccess && address.Value is { } found)
            {
                // rpcbind may answer with its wildcard or own address; the server is on the host asked.
                // A loopback answer from a host reached at another address is the host's own loopback
                // (rpcbind merges a wildcard registration with the address the call arrived on, and
                // QEMU's user network delivers the guest's calls to 10.0.2.2 on the host's 127.0.0.1).
                bool wildcard = found.Address.Equals(IPAddress.Any) || found.Address.Equals(IPAddress.IPv6Any);
                bool foreignLoopback = IPAddress.IsLoopback(found.Address) && !IPAddress.IsLoopback(host);
                return wildcard || foreignLoopback ? new IPEndPoint(host, found.Port) : found;
            }
            if (!address.IsSuccess && address.Error.Kind is not (RpcErrorKind.ProgramMismatch or RpcErrorKind.ProgramUnavailable or RpcErrorKind.ProcedureUnavailable))
            {
                throw Failure($"asking rpcbind on {host} for the Cricket server", address.Error);
            }
        }
        await using var portmap = PortmapClient.Connect(host, rpcOptions);
        RpcResult<uint> port = await portmap.GetPortAsync(CricketProtocol.Program, options.Version, IpProtocol.Tcp, cancellationToken).ConfigureAwait(false);
        if (!port.IsSuccess)
        {
            throw Failure($"asking the portmapper on {host} for the Cricket server", port.Error);
        }
        if (port.Value == 0 || port.Value > ushort.MaxValue)
        {
            throw new RpcException(new RpcError(RpcErrorKind.ProgramUnavailable, $"no Cricket server (program {CricketProtocol.Program} version {options.Version}, tcp) is registered with rpcbind on {host}"));
        }
        return new IPEndPoint(host, (int)port.Value);
    }

    private async Task CopyChunkToDeviceAsync(DevicePointer destination, byte[] chunk, CancellationToken cancellationToken)
        => ThrowIfError("cudaMemcpy(HtoD)", await CallAsync("cudaMemcpy(HtoD)", Protocol.MemcpyHtodAsync(destination.Address, chunk, (ulong)chunk.Length, _callOptions, cancellationToken)).ConfigureAwait(false));

    /// <summary>Where a chunk's bytes go: a span of the caller's memory, asked for only once the reply checked out.</summary>
    private delegate Span<byte> ChunkDestination();

    private static readonly XdrEncode<(ulong Source, ulong Length)> s_encodeDtoh = static (writer, value) =>
    {
        writer.WriteUInt64(value.Source);
        writer.WriteUInt64(value.Length);
    };

    /// <summary>
    /// MEMCPY_DTOH, decoded straight from the reply record into the caller's memory: the reply is
    /// cricket.x's <c>mem_result</c> (an error code, then on success <c>opaque data&lt;&gt;</c>), as the
    /// generated <see cref="DataResult"/> decodes it, without making the data a byte[] first (for
    /// 16 MiB chunks that was an allocation, its zeroing and one more copy of every byte).
    /// </summary>
    private async Task CopyChunkFromDeviceAsync(DevicePointer source, int length, ChunkDestination destination, CancellationToken cancellationToken)
    {
        XdrDecode<int> decode = (ref XdrReader reader) =>
        {
            int err = reader.ReadInt32();
            if (err != 0 || reader.HasError)
            {
                return err;
            }
            ReadOnlySpan<byte> data = reader.ReadOpaqueSpan();
            if (!reader.HasError && data.Length != length)
            {
                reader.Fail(XdrErrorKind.InvalidValue, $"cudaMemcpy(DtoH): asked for {length} bytes, the server sent {data.Length}");
            }
            if (!reader.HasError)
            {
                data.CopyTo(destination());
            }
            return err;
        };
        var procedure = new RpcProcedure(CricketProgV1Client.ProgramNumber, CricketProgV1Client.VersionNumber, CricketProtocol.MemcpyDtohProcedure);
        int result = await CallAsync("cudaMemcpy(DtoH)",
            Protocol.Client.CallAsync(procedure, (source.Address, (ulong)length), s_encodeDtoh, decode, _callOptions, cancellationToken)).ConfigureAwait(false);
        ThrowIfError("cudaMemcpy(DtoH)", result);
    }

    private static byte[] Slice<T>(T[] source, long offset, int length)
        where T : unmanaged
        => MemoryMarshal.AsBytes(source.AsSpan()).Slice((int)offset, length).ToArray();

    private static async Task<T> CallAsync<T>(string operation, ValueTask<RpcResult<T>> call)
    {
        RpcResult<T> result = await call.ConfigureAwait(false);
        return result.IsSuccess ? result.Value : throw Failure(operation, result.Error);
    }

    private static RpcException Failure(string operation, RpcError error) => new(new RpcError(error.Kind, $"{operation}: {error.Message}")
    {
        AuthStatus = error.AuthStatus,
        LowestSupportedVersion = error.LowestSupportedVersion,
        HighestSupportedVersion = error.HighestSupportedVersion,
        XdrError = error.XdrError,
        SocketError = error.SocketError,
    });

    private static RpcException Malformed(string operation) => new(new RpcError(RpcErrorKind.MalformedReply, $"{operation}: the reply says success but carries no data"));

    private static void ThrowIfError(string operation, int error, bool driver = false)
    {
        if (error != CudaErrors.Success)
        {
            string? name = driver ? CudaErrors.DriverName(error) : CudaErrors.RuntimeName(error);
            throw new CricketException(operation, error, name ?? $"error {error}");
        }
    }
}
