using System.Globalization;
using System.Text;
using Minnow.Rpc;
using Minnow.Rpc.Messages;
using Rpc.Tests.Interop.Calc;

namespace Rpc.Tests.Interop;

/// <summary>
/// The interop checks: what calc_client.c does, done by the generated C# client, printing the same
/// lines. Every client against every server must print <see cref="Expected"/>.
/// </summary>
public static class CalcScenario
{
    public static string Expected(string transport)
    {
        bool tcp = transport == "tcp";
        return string.Join('\n',
            "add: success 42",
            "echo_name: success héllo wörld",
            "divide 7/2: success err=0 value=3",
            "divide 1/0: success err=1",
            "area circle: success 12.0",
            "area square: success 25.0",
            "area named: success -1.0",
            tcp ? "echo_blob 300000: success same" : "echo_blob 6000: success same",
            tcp ? "checksum: success 6737577545072" : "checksum: success 1002298854648",
            "echo_item: success name=first values=2,-1,4 digest=0123456789abcdef blob=xyz corner=1099511627776,-1099511627776 outline=ring flag=0 ratio=1.50 next=second/3/1 next.next=(null)",
            "nothing: success",
            "procedure 99: procedure unavailable")
            + (tcp ? "\nadd with one int: garbage arguments" : "")
            + "\nadd with auth_sys: success 5\nversion 2: program version mismatch 1..1\nprogram 0x20000999: program unavailable\n";
    }

    public static async Task<string> RunAsync(Func<IRpcClient> connect, string transport)
    {
        var output = new StringBuilder();
        void Print(string line) => output.Append(line).Append('\n');
        await using IRpcClient connection = connect();
        var client = new CalcProgV1Client(connection);

        RpcResult<int> sum = await client.AddAsync(40, 2);
        Print($"add: {Status(sum.Error)} {sum.Value}");
        RpcResult<string> name = await client.EchoNameAsync("héllo wörld");
        Print($"echo_name: {Status(name.Error)} {name.Value}");
        RpcResult<IntResult> quotient = await client.DivideAsync(7, 2);
        Print($"divide 7/2: {Status(quotient.Error)} err={quotient.Value?.Err} value={quotient.Value?.Value}");
        quotient = await client.DivideAsync(1, 0);
        Print($"divide 1/0: {Status(quotient.Error)} err={quotient.Value?.Err}");
        foreach ((string label, Shape shape) in new[]
        {
            ("circle", new Shape { Kind = ShapeKind.Circle, Radius = 2.0 }),
            ("square", new Shape { Kind = ShapeKind.Square, Side = 5 }),
            ("named", new Shape { Kind = ShapeKind.Named, Name = "blob" }),
        })
        {
            RpcResult<double> area = await client.AreaAsync(shape);
            Print(string.Create(CultureInfo.InvariantCulture, $"area {label}: {Status(area.Error)} {area.Value:0.0}"));
        }

        int size = transport == "tcp" ? 300_000 : 6000;
        byte[] blob = new byte[size];
        for (int i = 0; i < size; i++)
        {
            blob[i] = (byte)(i * 7 + 3);
        }
        RpcResult<byte[]> echoed = await client.EchoBlobAsync(blob);
        Print($"echo_blob {size}: {Status(echoed.Error)} {(echoed.Value is { } e && e.AsSpan().SequenceEqual(blob) ? "same" : "different")}");
        RpcResult<ulong> checksum = await client.ChecksumAsync(blob, 1_000_000_000_000UL);
        Print($"checksum: {Status(checksum.Error)} {checksum.Value}");

        var second = new Item { Name = "second", Outline = new Shape { Kind = ShapeKind.Square, Side = 3 }, Flag = false, Ratio = 0.25f };
        var first = new Item
        {
            Name = "first",
            Values = [1, -2, 3],
            Digest = "0123456789abcdef"u8.ToArray(),
            Blob = "xyz"u8.ToArray(),
            Corners = [new Point { X = -1, Y = 2 }, new Point { X = 1L << 40, Y = -(1L << 40) }],
            Outline = new Shape { Kind = ShapeKind.Named, Name = "ring" },
            Flag = true,
            Ratio = 1.5f,
            Next = second,
        };
        second.Corners = [new Point(), new Point()];
        RpcResult<Item> item = await client.EchoItemAsync(first);
        Item r = item.Value ?? new Item();
        Print(string.Create(CultureInfo.InvariantCulture,
            $"echo_item: {Status(item.Error)} name={r.Name} values={string.Join(',', r.Values)} digest={Encoding.ASCII.GetString(r.Digest)} blob={Encoding.ASCII.GetString(r.Blob)} corner={r.Corners[1].X},{r.Corners[1].Y} outline={r.Outline.Name} flag={(r.Flag ? 1 : 0)} ratio={r.Ratio:0.00} next={r.Next?.Name}/{r.Next?.Outline.Side}/{(r.Next?.Flag == true ? 1 : 0)} next.next={(r.Next?.Next is null ? "(null)" : "set")}"));

        RpcResult<RpcVoid> nothing = await client.NothingAsync();
        Print($"nothing: {Status(nothing.Error)}");

        var procedure = new RpcProcedure(CalcProgV1Client.ProgramNumber, CalcProgV1Client.VersionNumber, 99);
        Print($"procedure 99: {Status((await connection.CallAsync(procedure, default(RpcVoid), RpcVoid.Encode, RpcVoid.Decode)).Error)}");
        if (transport == "tcp")
        {
            var add = new RpcProcedure(CalcProgV1Client.ProgramNumber, CalcProgV1Client.VersionNumber, 1);
            RpcResult<int> oneInt = await connection.CallAsync(add, 1, static (w, v) => w.WriteInt32(v), static (ref Minnow.Rpc.Xdr.XdrReader reader) => reader.ReadInt32());
            Print($"add with one int: {Status(oneInt.Error)}");
        }
        var credential = OpaqueAuth.Sys(new AuthSysParameters(0, "calc-client", 4321, 100, []));
        sum = await client.AddAsync(2, 3, new RpcCallOptions { Credential = credential });
        Print($"add with auth_sys: {Status(sum.Error)} {sum.Value}");
        RpcResult<RpcVoid> version2 = await connection.CallAsync(new RpcProcedure(CalcProgV1Client.ProgramNumber, 2, 0), default(RpcVoid), RpcVoid.Encode, RpcVoid.Decode);
        Print($"version 2: {Status(version2.Error)} {version2.Error?.LowestSupportedVersion}..{version2.Error?.HighestSupportedVersion}");
        RpcResult<RpcVoid> otherProgram = await connection.CallAsync(new RpcProcedure(0x20000999, 1, 0), default(RpcVoid), RpcVoid.Encode, RpcVoid.Decode);
        Print($"program 0x20000999: {Status(otherProgram.Error)}");
        return output.ToString();
    }

    private static string Status(RpcError? error) => error?.Kind switch
    {
        null => "success",
        RpcErrorKind.ProgramUnavailable => "program unavailable",
        RpcErrorKind.ProgramMismatch => "program version mismatch",
        RpcErrorKind.ProcedureUnavailable => "procedure unavailable",
        RpcErrorKind.GarbageArguments => "garbage arguments",
        RpcErrorKind.SystemError => "system error",
        RpcErrorKind.AuthError => "auth error",
        RpcErrorKind.RpcMismatch => "rpc version mismatch",
        _ => error.ToString(),
    };
}
