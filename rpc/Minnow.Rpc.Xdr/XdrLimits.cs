namespace Minnow.Rpc.Xdr;

/// <summary>
/// The max-size policy a reader applies on top of the bounds a type declares. Every length is
/// also checked against the bytes actually present before anything is allocated, so these limits
/// bound memory for well-formed but unwanted input, not for lying length fields.
/// </summary>
public sealed record XdrLimits
{
    public static XdrLimits Default { get; } = new();

    /// <summary>Largest variable-length opaque accepted (Cricket moves memcpy payloads of hundreds of MiB inline).</summary>
    public int MaxOpaqueLength { get; init; } = 1 << 30;

    public int MaxStringLength { get; init; } = 16 << 20;

    public int MaxArrayLength { get; init; } = 16 << 20;

    /// <summary>Deepest nesting of optional data and arrays (linked lists recurse once per element).</summary>
    public int MaxDepth { get; init; } = 2048;
}
