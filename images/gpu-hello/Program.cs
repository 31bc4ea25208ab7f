// gpu-hello: SAXPY and a sum reduction on a remote GPU through Cricket (ONC RPC program 99).
//   image: qemu/run out/images/gpu-hello.elf --net user [-- --server HOST[:PORT] --rpcid V --n N --timeout S]
//   host:  dotnet run --project images/gpu-hello -- --server 127.0.0.1
// The server is found through rpcbind on HOST (port 111) unless a port is given. Default HOST:
// REMOTE_GPU_ADDRESS when set, else 10.0.2.2 (the host, seen from a QEMU user-network guest).
// --rpcid (or CRICKET_RPCID) is the program version the server registered, 1 by default. Every
// call ends within min(30 s, --timeout), the whole run within --timeout (300 s): a server that
// vanishes gives "FAIL: ..." and exit status 1, never a hang.
using System.Diagnostics;
using Minnow.GpuHello;
using Minnow.Rpc;
using Minnow.Rpc.Cricket;

string server = Environment.GetEnvironmentVariable("REMOTE_GPU_ADDRESS") is { Length: > 0 } fromEnvironment ? fromEnvironment : "10.0.2.2";
int n = 1 << 20;
int timeoutSeconds = 300;
uint version = Environment.GetEnvironmentVariable("CRICKET_RPCID") is { Length: > 0 } rpcid && uint.TryParse(rpcid, out uint fromRpcid) ? fromRpcid : 1;
for (int i = 0; i < args.Length; i++)
{
    string? value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--server" when value is not null: server = value; i++; break;
        case "--n" when value is not null && int.TryParse(value, out int parsed) && parsed > 0: n = parsed; i++; break;
        case "--rpcid" when value is not null && uint.TryParse(value, out uint id): version = id; i++; break;
        case "--timeout" when value is not null && int.TryParse(value, out int seconds) && seconds > 0: timeoutSeconds = seconds; i++; break;
        default:
            Console.WriteLine($"gpu-hello: FAIL: unknown argument {args[i]} (usage: [--server HOST[:PORT]] [--rpcid VERSION] [--n N] [--timeout SECONDS])");
            return 2;
    }
}

using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
var options = CricketClientOptions.Default with { Version = version, CallTimeout = TimeSpan.FromSeconds(Math.Min(30, timeoutSeconds)) };
string step = $"connecting to the GPU server at {server}";
try
{
    var total = Stopwatch.StartNew();
    Console.WriteLine($"gpu-hello: {step}");
    await using CricketClient gpu = await CricketClient.ConnectAsync(server, options, deadline.Token).WaitAsync(deadline.Token);
    var phase = Stopwatch.StartNew();
    step = "pinging the server";
    int pong = await gpu.PingAsync("gpu-hello", deadline.Token).WaitAsync(deadline.Token);
    long pingMs = phase.ElapsedMilliseconds;
    if (pong != 42)
        throw new InvalidOperationException($"ping answered {pong}, not 42");
    step = "querying the devices";
    int devices = await gpu.GetDeviceCountAsync(deadline.Token).WaitAsync(deadline.Token);
    DeviceProperties props = await gpu.GetDevicePropertiesAsync(0, deadline.Token).WaitAsync(deadline.Token);
    Console.WriteLine($"gpu-hello: server {gpu.Server}, ping {pingMs} ms, {devices} device(s), device 0: {props.Name} " +
                      $"(compute {props.ComputeCapabilityMajor}.{props.ComputeCapabilityMinor}, {props.TotalGlobalMemory >> 20} MiB)");
    step = $"running SAXPY and a reduction over {n} floats";
    string line = await GpuWorkload.RunAsync(gpu, n, deadline.Token).WaitAsync(deadline.Token);
    Console.WriteLine($"gpu-hello: {line}, {total.ElapsedMilliseconds} ms with connecting");
    return 0;
}
catch (OperationCanceledException) when (deadline.IsCancellationRequested)
{
    Console.WriteLine($"gpu-hello: FAIL: {step}: no answer within {timeoutSeconds} s");
}
catch (RpcException e)
{
    Console.WriteLine($"gpu-hello: FAIL: {step}: {e.Message}");
}
catch (CricketException e)
{
    Console.WriteLine($"gpu-hello: FAIL: {step}: the GPU server refused: {e.Message}");
}
catch (Exception e)
{
    Console.WriteLine($"gpu-hello: FAIL: {step}: {e.GetType().Name}: {e.Message}");
}
return 1;
