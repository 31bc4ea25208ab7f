using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using Cricket.Tests.Support;
using Minnow.Rpc;
using Minnow.Rpc.Cricket;

namespace Cricket.Tests.Faults;

/// <summary>A server that dies, comes back, or answers garbage: the client reports errors within its timeout and never hangs or crashes.</summary>
public sealed class FaultTests
{
    private static readonly CricketClientOptions s_shortTimeouts = new() { CallTimeout = TimeSpan.FromSeconds(3), ConnectTimeout = TimeSpan.FromSeconds(3), CopyChunkSize = 1 << 20 };

    [Fact]
    public async Task AServerKilledMidTransferIsAnErrorWithinTheTimeoutAndARestartedOneServesANewSession()
    {
        using (var server = ServerProcess.Start())
        {
            await using CricketClient gpu = await CricketClient.ConnectAsync(server.EndPoint, s_shortTimeouts);
            DevicePointer p = await gpu.MallocAsync(256UL << 20);
            var data = new byte[256 << 20];
            Task copy = gpu.CopyToDeviceAsync(p, data);
            await Task.Delay(300);
            var timer = Stopwatch.StartNew();
            server.Kill();
            var error = await Assert.ThrowsAsync<RpcException>(() => copy);
            Assert.True(timer.Elapsed < s_shortTimeouts.CallTimeout + TimeSpan.FromSeconds(2), $"reported after {timer.Elapsed}");
            Assert.Contains(error.Error.Kind, new[] { RpcErrorKind.ConnectionLost, RpcErrorKind.ConnectionFailed, RpcErrorKind.Timeout });
            Assert.Contains("cudaMemcpy(HtoD)", error.Message);

            // Nothing listens any more: the next call fails fast, it does not hang.
            await Assert.ThrowsAsync<RpcException>(() => gpu.PingAsync());
        }
        using (var restarted = ServerProcess.Start())
        {
            await using CricketClient gpu = await CricketClient.ConnectAsync(restarted.EndPoint, s_shortTimeouts);
            Assert.Equal(42, await gpu.PingAsync());
            DevicePointer p = await gpu.MallocAsync(16);
            await gpu.CopyToDeviceAsync(p, new byte[16]);
            await gpu.FreeAsync(p);
        }
    }

    [Fact]
    public async Task ASilentServerIsATimeoutButSynchronizeWaits()
    {
        await using var server = new ScriptedServer((_, _) => []);
        await using CricketClient gpu = await CricketClient.ConnectAsync(server.EndPoint, s_shortTimeouts with { CallTimeout = TimeSpan.FromSeconds(1) });
        // Empty records are answers with no matching xid: nothing ever arrives for the call.
        var timer = Stopwatch.StartNew();
        Assert.Equal(RpcErrorKind.Timeout, (await Assert.ThrowsAsync<RpcException>(() => gpu.GetDeviceCountAsync())).Error.Kind);
        Assert.InRange(timer.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Task synchronize = gpu.SynchronizeAsync();
        await Task.Delay(2000);
        Assert.False(synchronize.IsCompleted, "cudaDeviceSynchronize must not time out");
    }

    [Fact]
    public async Task FuzzedAndTruncatedRepliesAreClearErrors()
    {
        var random = new Random(5);
        byte[] goodCount = ScriptedServer.AcceptedReply(0, [0, 0, 0, 0, 0, 0, 0, 1]);
        int mode = 0;
        await using var server = new ScriptedServer((xid, procedure) =>
        {
            byte[] reply = ScriptedServer.AcceptedReply(xid, goodCount.AsSpan(24));
            switch (mode % 4)
            {
                case 0: // truncated at a random point after the xid
                    return reply[..random.Next(4, reply.Length)];
                case 1: // random bytes after the xid
                    random.NextBytes(reply.AsSpan(4));
                    return reply;
                case 2: // one flipped byte
                    reply[random.Next(4, reply.Length)] ^= (byte)random.Next(1, 256);
                    return reply;
                default: // a union arm the protocol does not have: err 0 with no value
                    return reply[..(reply.Length - 4)];
            }
        });
        await using CricketClient gpu = await CricketClient.ConnectAsync(server.EndPoint, s_shortTimeouts with { CallTimeout = TimeSpan.FromMilliseconds(300) });
        for (mode = 0; mode < 60; mode++)
        {
            try
            {
                int count = await gpu.GetDeviceCountAsync();
                Assert.True(mode % 4 == 2, $"mode {mode}: a damaged reply decoded as {count}");
            }
            catch (RpcException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                Assert.Contains(e.Error.Kind, new[] { RpcErrorKind.MalformedReply, RpcErrorKind.Timeout, RpcErrorKind.ConnectionLost, RpcErrorKind.SystemError, RpcErrorKind.GarbageArguments, RpcErrorKind.ProgramUnavailable, RpcErrorKind.ProgramMismatch, RpcErrorKind.ProcedureUnavailable, RpcErrorKind.AuthError, RpcErrorKind.RpcMismatch });
            }
            catch (CricketException)
            {
                Assert.Equal(2, mode % 4); // a flipped err field is a CUDA error, correctly reported
            }
        }
    }

    [Fact]
    public async Task AnOversizedLengthIsRejectedBeforeAllocating()
    {
        await using var server = new ScriptedServer((xid, procedure) =>
        {
            // mem_result: err 0, then an opaque claiming 1 GiB - 16 with 8 bytes present.
            var results = new byte[16];
            BinaryPrimitives.WriteUInt32BigEndian(results.AsSpan(4), (1u << 30) - 16);
            return ScriptedServer.AcceptedReply(xid, results);
        });
        await using CricketClient gpu = await CricketClient.ConnectAsync(server.EndPoint, s_shortTimeouts);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAsync<RpcException>(() => gpu.CopyFromDeviceAsync(new DevicePointer(0x1000), new byte[64]));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(RpcErrorKind.MalformedReply, error.Error.Kind);
        Assert.True(allocated < 16 << 20, $"{allocated} bytes allocated for a reply that claimed 1 GiB");
    }

    [Fact]
    public async Task ADeviceCopyOfTheWrongLengthIsAnErrorAndLeavesTheDestinationAlone()
    {
        uint seenProcedure = 0;
        await using var server = new ScriptedServer((xid, procedure) =>
        {
            seenProcedure = procedure;
            // mem_result: err 0, then 8 bytes of data where 64 were asked for.
            var results = new byte[16];
            BinaryPrimitives.WriteUInt32BigEndian(results.AsSpan(4), 8);
            results.AsSpan(8).Fill(0xEE);
            return ScriptedServer.AcceptedReply(xid, results);
        });
        await using CricketClient gpu = await CricketClient.ConnectAsync(server.EndPoint, s_shortTimeouts);
        var destination = new byte[64];
        var error = await Assert.ThrowsAsync<RpcException>(() => gpu.CopyFromDeviceAsync(new DevicePointer(0x1000), destination));
        Assert.Equal(441u, seenProcedure); // MEMCPY_DTOH
        Assert.Equal(RpcErrorKind.MalformedReply, error.Error.Kind);
        Assert.Contains("asked for 64 bytes, the server sent 8", error.Message);
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    /// <summary>minnow-gpu-server as its own process (no rpcbind), so that it can be killed.</summary>
    private sealed class ServerProcess : IDisposable
    {
        private readonly Process _process;

        private ServerProcess(Process process, IPEndPoint endPoint)
        {
            _process = process;
            EndPoint = endPoint;
        }

        public IPEndPoint EndPoint { get; }

        public static ServerProcess Start()
        {
            string server = Path.Combine(AppContext.BaseDirectory, "minnow-gpu-server.dll");
            var process = Process.Start(new ProcessStartInfo("dotnet", $"\"{server}\" --no-rpcbind --quiet") { RedirectStandardOutput = true })!;
            string line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("minnow-gpu-server did not start");
            string[] words = line.Split(' ');
            int port = int.Parse(words[Array.IndexOf(words, "port") + 1].TrimEnd(';'));
            return new ServerProcess(process, new IPEndPoint(IPAddress.Loopback, port));
        }

        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }
            _process.Dispose();
        }
    }
}
