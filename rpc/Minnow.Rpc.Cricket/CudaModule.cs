namespace Minnow.Rpc.Cricket;

/// <summary>A module loaded on the server (cuModuleLoadData): the server's CUmodule handle.</summary>
public readonly record struct CudaModule(ulong Handle)
{
    public override string ToString() => $"module 0x{Handle:x}";
}
