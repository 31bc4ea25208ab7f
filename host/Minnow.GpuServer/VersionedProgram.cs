using Minnow.Rpc.Server;
using Minnow.Rpc.Xdr;

namespace Minnow.GpuServer;

/// <summary>Serves a program under another version number (Cricket's server takes its version as an argument).</summary>
internal sealed class VersionedProgram : IRpcProgram
{
    private readonly IRpcProgram _inner;

    public VersionedProgram(IRpcProgram inner, uint version)
    {
        _inner = inner;
        Version = version;
    }

    public uint Program => _inner.Program;

    public uint Version { get; }

    public ValueTask<RpcDispatchResult> DispatchAsync(RpcCallContext context, ReadOnlyMemory<byte> arguments, XdrWriter results, CancellationToken cancellationToken)
        => _inner.DispatchAsync(context, arguments, results, cancellationToken);
}
