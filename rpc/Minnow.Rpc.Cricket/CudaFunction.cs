namespace Minnow.Rpc.Cricket;

/// <summary>A kernel found in a loaded module (cuModuleGetFunction): the server's CUfunction handle and the kernel's name.</summary>
public readonly record struct CudaFunction(ulong Handle, string Name)
{
    public override string ToString() => $"{Name} (0x{Handle:x})";
}
