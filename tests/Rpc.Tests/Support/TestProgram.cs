using Minnow.Rpc;
using Minnow.Rpc.Messages;
using Minnow.Rpc.Server;
using Minnow.Rpc.Xdr;

namespace Rpc.Tests.Support;

/// <summary>A hand-written program for transport tests, independent of the .x compiler.</summary>
public sealed class TestProgram : IRpcProgram
{
    public const uint Number = 0x2000_0101;
    public const uint ProcedureEcho = 1;
    public const uint ProcedureAdd = 2;
    public const uint ProcedureSleep = 3;
    public const uint ProcedureThrow = 4;
    public const uint ProcedureWhoAmI = 5;

    public TestProgram(uint version = 1)
    {
        Version = version;
    }

    public uint Program => Number;

    public uint Version { get; }

    public static RpcProcedure Procedure(uint procedure, uint version = 1) => new(Number, version, procedure);

    public async ValueTask<RpcDispatchResult> DispatchAsync(RpcCallContext context, ReadOnlyMemory<byte> arguments, XdrWriter results, CancellationToken cancellationToken)
    {
        switch (context.Procedure)
        {
            case 0:
                return RpcDispatchResult.Success;
            case ProcedureEcho:
            {
                byte[]? data = Decode(arguments, static (ref XdrReader r) => r.ReadOpaque());
                if (data is null)
                {
                    return RpcDispatchResult.GarbageArguments;
                }
                results.WriteOpaque(data);
                return RpcDispatchResult.Success;
            }
            case ProcedureAdd:
            {
                (int, int)? pair = DecodeValue(arguments, static (ref XdrReader r) => (r.ReadInt32(), r.ReadInt32()));
                if (pair is not { } p)
                {
                    return RpcDispatchResult.GarbageArguments;
                }
                results.WriteInt32(p.Item1 + p.Item2);
                return RpcDispatchResult.Success;
            }
            case ProcedureSleep:
            {
                int? milliseconds = DecodeValue(arguments, static (ref XdrReader r) => r.ReadInt32());
                if (milliseconds is null)
                {
                    return RpcDispatchResult.GarbageArguments;
                }
                await Task.Delay(milliseconds.Value, cancellationToken);
                results.WriteInt32(milliseconds.Value);
                return RpcDispatchResult.Success;
            }
            case ProcedureThrow:
                throw new InvalidOperationException("a procedure that fails");
            case ProcedureWhoAmI:
                if (context.AuthSys is null)
                {
                    return RpcDispatchResult.AuthError(AuthStatus.TooWeak);
                }
                results.WriteUInt32(context.AuthSys.Uid);
                results.WriteString(context.AuthSys.MachineName);
                return RpcDispatchResult.Success;
            default:
                return RpcDispatchResult.ProcedureUnavailable;
        }
    }

    private static T? Decode<T>(ReadOnlyMemory<byte> arguments, XdrDecode<T> decode) where T : class
    {
        var reader = new XdrReader(arguments.Span);
        T value = decode(ref reader);
        return reader.HasError ? null : value;
    }

    private static T? DecodeValue<T>(ReadOnlyMemory<byte> arguments, XdrDecode<T> decode) where T : struct
    {
        var reader = new XdrReader(arguments.Span);
        T value = decode(ref reader);
        return reader.HasError ? null : value;
    }
}
