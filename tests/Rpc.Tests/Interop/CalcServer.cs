using Minnow.Rpc.Server;
using Rpc.Tests.Interop.Calc;

namespace Rpc.Tests.Interop;

/// <summary>calc.x in C#, on the skeleton minnow-rpcgen generated; it behaves exactly as calc_server.c.</summary>
public sealed class CalcServer : CalcProgV1ServerBase
{
    protected override ValueTask<int> AddAsync(int arg1, int arg2, RpcCallContext context, CancellationToken cancellationToken) => ValueTask.FromResult(arg1 + arg2);

    protected override ValueTask<string> EchoNameAsync(string arg1, RpcCallContext context, CancellationToken cancellationToken) => ValueTask.FromResult(arg1);

    protected override ValueTask<byte[]> EchoBlobAsync(byte[] arg1, RpcCallContext context, CancellationToken cancellationToken) => ValueTask.FromResult(arg1);

    protected override ValueTask<Item> EchoItemAsync(Item arg1, RpcCallContext context, CancellationToken cancellationToken)
    {
        for (Item? item = arg1; item is not null; item = item.Next)
        {
            item.Values = item.Values.Select(v => v + 1).ToArray();
            item.Flag = !item.Flag;
        }
        return ValueTask.FromResult(arg1);
    }

    protected override ValueTask<IntResult> DivideAsync(int arg1, int arg2, RpcCallContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(arg2 == 0 ? new IntResult { Err = 1 } : new IntResult { Err = 0, Value = arg1 / arg2 });

    protected override ValueTask<double> AreaAsync(Shape arg1, RpcCallContext context, CancellationToken cancellationToken) => ValueTask.FromResult(arg1.Kind switch
    {
        ShapeKind.Circle => 3.0 * arg1.Radius * arg1.Radius,
        ShapeKind.Square => (double)arg1.Side * arg1.Side,
        _ => -1.0,
    });

    protected override ValueTask<ulong> ChecksumAsync(byte[] arg1, ulong arg2, RpcCallContext context, CancellationToken cancellationToken)
    {
        ulong sum = arg2;
        for (int i = 0; i < arg1.Length; i++)
        {
            sum += (ulong)arg1[i] * (ulong)(i + 1);
        }
        return ValueTask.FromResult(sum);
    }

    protected override ValueTask NothingAsync(RpcCallContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
