namespace Minnow.Rpc.Cricket;

/// <summary>Identity of the Cricket protocol (rpc/cricket/cricket.x).</summary>
public static class CricketProtocol
{
    /// <summary>The ONC RPC program number.</summary>
    public const uint Program = 99;

    /// <summary>The version Cricket's server registers unless told otherwise.</summary>
    public const uint DefaultVersion = 1;

    /// <summary>What PRINT_MESSAGE (procedure 2) returns: the liveness answer.</summary>
    public const int PingAnswer = 42;

    /// <summary>
    /// Environment variables Cricket's clients read: the server's host (found through rpcbind), or
    /// host:port to skip rpcbind; and the protocol version.
    /// </summary>
    public const string AddressVariable = "REMOTE_GPU_ADDRESS";

    public const string VersionVariable = "CRICKET_RPCID";

    /// <summary>MEMCPY_DTOH: the client decodes its reply into the caller's memory itself (no copy of the data as a byte[]).</summary>
    public const uint MemcpyDtohProcedure = 441;
}
