using System.Globalization;
using System.Net;
using Minnow.GpuServer;
using Minnow.Rpc.Cricket;
using Minnow.Rpc.Server;

// minnow-gpu-server [VERSION] [--port N] [--memory BYTES] [--no-rpcbind] [--quiet]
// Serves Cricket's protocol (program 99) on TCP, registered with the host's rpcbind, until
// interrupted (SIGINT/SIGTERM), then unregisters.
uint version = CricketProtocol.DefaultVersion;
int port = 0;
ulong memory = new CpuDeviceOptions().MemoryBytes;
bool register = true;
bool quiet = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port": port = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--memory": memory = ulong.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--no-rpcbind": register = false; break;
        case "--quiet": quiet = true; break;
        default:
            if (!uint.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out version))
            {
                Console.Error.WriteLine("usage: minnow-gpu-server [VERSION] [--port N] [--memory BYTES] [--no-rpcbind] [--quiet]");
                return 2;
            }
            break;
    }
}

using var device = new CricketCpuServer(new CpuDeviceOptions { MemoryBytes = memory, Log = quiet ? null : Console.Out });
await using var server = new RpcServer();
server.Add(version == CricketProtocol.DefaultVersion ? device : new VersionedProgram(device, version));
IPEndPoint endPoint = server.StartTcp(new IPEndPoint(IPAddress.Any, port));
Console.WriteLine($"minnow-gpu-server: program {CricketProtocol.Program} version {version} on tcp port {endPoint.Port}; kernels {string.Join(", ", device.KnownEntries)}");
if (register)
{
    try
    {
        await RpcbindRegistration.RegisterAsync(CricketProtocol.Program, version, endPoint.Port);
        Console.WriteLine("minnow-gpu-server: registered with rpcbind");
    }
    catch (Minnow.Rpc.RpcException e)
    {
        Console.Error.WriteLine($"minnow-gpu-server: {e.Message}");
        return 1;
    }
}

var stop = new TaskCompletionSource();
using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, context => { context.Cancel = true; stop.TrySetResult(); });
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stop.TrySetResult(); });
await stop.Task;
if (register)
{
    await RpcbindRegistration.UnregisterAsync(CricketProtocol.Program, version);
}
Console.WriteLine("minnow-gpu-server: stopped");
return 0;
