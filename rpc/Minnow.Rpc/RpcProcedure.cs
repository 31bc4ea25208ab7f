namespace Minnow.Rpc;

/// <summary>The address of a remote procedure: program, version and procedure numbers.</summary>
public readonly record struct RpcProcedure(uint Program, uint Version, uint Procedure)
{
    public override string ToString() => $"program {Program} version {Version} procedure {Procedure}";
}
