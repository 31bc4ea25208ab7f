namespace Minnow.Rpc.Gen.Semantics;

// A declaration's type after typedefs and constants are resolved: what the emitter encodes.
// The records only make sense together, so they share this file.

public abstract record XdrType;

public enum PrimitiveKind
{
    Int,
    UnsignedInt,
    Hyper,
    UnsignedHyper,
    Float,
    Double,
    Bool,
}

public sealed record PrimitiveType(PrimitiveKind Kind) : XdrType;

public enum NamedKind
{
    Enum,
    Struct,
    Union,
    /// <summary>A name the specification uses but does not define: like rpcgen, assume it is defined elsewhere (another .x file compiled into the same namespace).</summary>
    External,
}

/// <summary>A defined enum, struct or union, by its .x name.</summary>
public sealed record NamedType(string Name, NamedKind Kind) : XdrType;

public sealed record StringType(uint MaxLength) : XdrType;

public sealed record OpaqueType(uint MaxLength) : XdrType;

public sealed record FixedOpaqueType(int Length) : XdrType;

public sealed record ArrayType(XdrType Element, uint MaxLength) : XdrType;

public sealed record FixedArrayType(XdrType Element, int Length) : XdrType;

public sealed record OptionalType(XdrType Element) : XdrType;

public sealed record VoidType : XdrType
{
    public static VoidType Instance { get; } = new();
}
