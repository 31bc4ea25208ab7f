// RPC benchmark, C# client: null-call latency and copy bandwidth against a Cricket server, through
// Minnow.Rpc.Cricket over stock System.Net.Sockets. The same program runs as a Minnow image and as
// a host .NET program; bench/rpc/cricket_bench.c is the same measurement through rpcgen + libtirpc
// (native on the host and in the Linux guest). bench/rpc_bench.py compares them.
//
//   rpc-bench HOST PORT CALLS MAXBYTES
//
// Prints one JSON line per measurement (the C client prints the same ones):
//   null          CALLS calls of procedure 0 (NULLPROC), after 10 untimed ones
//   device-count  CALLS calls of GET_DEVICE_COUNT (118)
//   copy-htod, copy-dtoh  for each size 1 KiB, 4 KiB, ... 64 MiB up to MAXBYTES: reps =
//                 clamp(32 MiB / size, 2, 100) timed MEMCPY_HTOD (440) and then MEMCPY_DTOH (441)
//                 into one device buffer, after one untimed round trip whose data is checked.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Minnow.Rpc;
using Minnow.Rpc.Cricket;

if (args.Length != 4 || !IPAddress.TryParse(args[0], out IPAddress? host) || !int.TryParse(args[1], out int port)
    || !int.TryParse(args[2], out int calls) || calls < 1 || !long.TryParse(args[3], out long maxBytes) || maxBytes < 1024)
{
    Console.Error.WriteLine("usage: rpc-bench HOST PORT CALLS MAXBYTES (MAXBYTES >= 1024)");
    return 2;
}
var options = CricketClientOptions.Default with { CallTimeout = TimeSpan.FromSeconds(60) };
try
{
    await using CricketClient gpu = await CricketClient.ConnectAsync(new IPEndPoint(host, port), options);
    IRpcClient rpc = gpu.Protocol.Client;
    var nullProcedure = new RpcProcedure(CricketProtocol.Program, options.Version, 0);
    async Task NullCall()
    {
        RpcResult<RpcVoid> result = await rpc.CallAsync(nullProcedure, default(RpcVoid), RpcVoid.Encode, RpcVoid.Decode);
        if (!result.TryGetValue(out _, out RpcError? error))
            throw new RpcException(error);
    }
    for (int i = 0; i < 10; i++)
        await NullCall();
    await Latency("null", calls, NullCall);
    await Latency("device-count", calls, async () =>
    {
        if (await gpu.GetDeviceCountAsync() < 1)
            throw new InvalidOperationException("the server has no device");
    });

    DevicePointer buffer = await gpu.MallocAsync((ulong)maxBytes);
    for (long size = 1024; size <= maxBytes && size <= 64 << 20; size *= 4)
    {
        byte[] data = new byte[size];
        for (int i = 0; i < data.Length; i++)
            data[i] = (byte)(i * 7 + size);
        byte[] back = new byte[size];
        await gpu.CopyToDeviceAsync(buffer, data);
        await gpu.CopyFromDeviceAsync(buffer, back);
        if (!data.AsSpan().SequenceEqual(back))
            throw new InvalidOperationException($"copy of {size} bytes came back different");
        int reps = (int)Math.Clamp((32L << 20) / size, 2, 100);
        var watch = Stopwatch.StartNew();
        for (int r = 0; r < reps; r++)
            await gpu.CopyToDeviceAsync(buffer, data);
        Bandwidth("copy-htod", size, reps, watch.Elapsed.TotalSeconds);
        watch.Restart();
        for (int r = 0; r < reps; r++)
            await gpu.CopyFromDeviceAsync(buffer, back);
        Bandwidth("copy-dtoh", size, reps, watch.Elapsed.TotalSeconds);
    }
    await gpu.FreeAsync(buffer);
    return 0;
}
catch (Exception e) when (e is RpcException or CricketException or InvalidOperationException or IOException or System.Net.Sockets.SocketException)
{
    Console.Error.WriteLine($"rpc-bench: {e.GetType().Name}: {e.Message}");
    return 1;
}

static async Task Latency(string bench, int calls, Func<Task> call)
{
    var watch = Stopwatch.StartNew();
    for (int i = 0; i < calls; i++)
        await call();
    double seconds = watch.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{{\"bench\":\"{bench}\",\"calls\":{calls},\"seconds\":{seconds:F6},\"us_per_call\":{seconds * 1e6 / calls:F2}}}"));
}

static void Bandwidth(string bench, long bytes, int reps, double seconds) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{{\"bench\":\"{bench}\",\"bytes\":{bytes},\"reps\":{reps},\"seconds\":{seconds:F6},\"megabytes_per_s\":{bytes * reps / 1e6 / seconds:F2}}}"));
