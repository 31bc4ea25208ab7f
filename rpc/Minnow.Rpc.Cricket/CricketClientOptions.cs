namespace Minnow.Rpc.Cricket;

/// <summary>Settings of a <see cref="CricketClient"/>.</summary>
public sealed record CricketClientOptions
{
    public static CricketClientOptions Default { get; } = new();

    /// <summary>
    /// The protocol version (Cricket's server takes it as its first argument, its clients from
    /// CRICKET_RPCID). The program number is always 99.
    /// </summary>
    public uint Version { get; init; } = CricketProtocol.DefaultVersion;

    /// <summary>How long any call but device synchronisation may take; a dead server is reported after it.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long connecting (to rpcbind and to the server) may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Largest memcpy payload per call: larger copies are split, so that no single record is huge
    /// and a lost server is noticed within one chunk's timeout. 1 MiB: in an image under TCG,
    /// 16 MiB chunks copied 10-30% slower (bench/README.md, RPC) and need records of their size.
    /// </summary>
    public int CopyChunkSize { get; init; } = 1 << 20;

    /// <summary>Largest reply the client accepts (a DtoH chunk plus headers).</summary>
    public int MaxReplySize { get; init; } = (64 << 20) + 4096;
}
