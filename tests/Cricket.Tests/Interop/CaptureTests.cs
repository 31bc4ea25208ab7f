using Minnow.GpuHello;
using Minnow.TestSupport;
using System.Diagnostics;
using Cricket.Tests.Support;
using Minnow.Rpc.Cricket;
using Xunit.Abstractions;

namespace Cricket.Tests.Interop;

/// <summary>tshark, as an independent judge, decodes a capture of the client's traffic as ONC RPC program 99 with nothing malformed.</summary>
public sealed class CaptureTests
{
    private readonly ITestOutputHelper _output;

    public CaptureTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task TsharkDecodesTheClientsTrafficAsOncRpcWithNothingMalformed()
    {
        // The capture is the test: without tshark it fails (make deps installs it), it never passes unchecked.
        ToolRunner.Require("tshark", "tshark");
        ToolRunner.Require("dumpcap", "tshark");
        await using var server = new CpuServer();
        int port = server.EndPoint.Port;
        string file = Path.Combine(Path.GetTempPath(), $"minnow-cricket-{Environment.ProcessId}-{port}.pcapng");
        var dumpcap = Process.Start(new ProcessStartInfo("dumpcap", $"-q -i lo -f \"tcp port {port}\" -w {file}") { RedirectStandardError = true })!;
        try
        {
            for (int i = 0; i < 100 && !File.Exists(file); i++)
            {
                await Task.Delay(50);
            }
            await Task.Delay(300);
            await using (CricketClient gpu = await CricketClient.ConnectAsync(server.EndPoint))
            {
                Assert.Equal(1, await gpu.GetDeviceCountAsync());
                Assert.StartsWith("PASS", await GpuWorkload.RunAsync(gpu, 1 << 16));
            }
            await Task.Delay(500);
            ToolRunner.Run("kill", $"-INT {dumpcap.Id}");
            Assert.True(dumpcap.WaitForExit(10_000), "dumpcap did not stop");

            // Program 99 is unknown to Wireshark: have it dissect unknown programs, on the server's port.
            string decodeAs = $"-o rpc.dissect_unknown_programs:TRUE -d tcp.port=={port},rpc";
            string procedures = ToolRunner.Run("tshark", $"-r {file} {decodeAs} -Y \"rpc.program == 99 && rpc.msgtyp == 0\" -T fields -e rpc.procedure");
            string[] seen = procedures.Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
            foreach (string procedure in new[] { "118", "1026", "1013", "414", "440", "1018", "116", "441", "402" })
            {
                Assert.Contains(procedure, seen);
            }
            string replies = ToolRunner.Run("tshark", $"-r {file} {decodeAs} -Y \"rpc.msgtyp == 1 && rpc.replystat == 0\" -T fields -e frame.number");
            Assert.NotEmpty(replies.Trim());
            string malformed = ToolRunner.Run("tshark", $"-r {file} {decodeAs} -Y \"_ws.malformed || _ws.expert.severity >= 0x00800000\"");
            Assert.Equal("", malformed.Trim());
        }
        finally
        {
            if (!dumpcap.HasExited)
            {
                dumpcap.Kill();
            }
            File.Delete(file);
        }
    }
}
