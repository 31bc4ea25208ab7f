namespace Minnow.Rpc.Gen.Syntax;

// The syntax tree of the RPC language (RFC 5531 section 12), as parsed: names are not resolved yet.
// The records are small and only make sense together, so they share this file.

/// <summary>A constant or a reference to one: a literal number, or the name of a const or enum member.</summary>
public sealed record Value(string Text, long? Literal, SourceLocation Location)
{
    /// <summary>A string constant (<c>const NAME = "text";</c>): usable as a constant, not as a size or case.</summary>
    public bool IsString { get; init; }

    public override string ToString() => Text;
}

/// <summary>
/// A type as written, with rpcgen's spellings folded to the RFC's: <c>"int"</c>, <c>"unsigned int"</c>,
/// <c>"hyper"</c>, <c>"unsigned hyper"</c>, <c>"float"</c>, <c>"double"</c>, <c>"quadruple"</c>, <c>"bool"</c>,
/// <c>"opaque"</c>, <c>"string"</c>, <c>"void"</c>, or the name of a defined type.
/// </summary>
public sealed record TypeSpecifier(string Name, SourceLocation Location)
{
    public override string ToString() => Name;
}

public enum DeclarationKind
{
    Plain,
    FixedArray,
    VariableArray,
    Optional,
    Void,
}

/// <summary>A declaration: a name with a type and its shape (<c>x</c>, <c>x[N]</c>, <c>x&lt;N&gt;</c>, <c>*x</c>, <c>void</c>).</summary>
public sealed record Declaration(string Name, TypeSpecifier Type, DeclarationKind Kind, Value? Size, SourceLocation Location);

public abstract record Definition(string Name, SourceLocation Location);

public sealed record ConstDefinition(string Name, Value Value, SourceLocation Location) : Definition(Name, Location);

public sealed record EnumMember(string Name, Value? Value, SourceLocation Location);

public sealed record EnumDefinition(string Name, IReadOnlyList<EnumMember> Members, SourceLocation Location) : Definition(Name, Location);

public sealed record StructDefinition(string Name, IReadOnlyList<Declaration> Fields, SourceLocation Location) : Definition(Name, Location);

/// <summary>An arm of a union: the case values that select it (empty for the default arm) and its declaration.</summary>
public sealed record UnionArm(IReadOnlyList<Value> Cases, Declaration Declaration);

public sealed record UnionDefinition(string Name, Declaration Discriminant, IReadOnlyList<UnionArm> Arms, UnionArm? Default, SourceLocation Location)
    : Definition(Name, Location);

public sealed record TypedefDefinition(Declaration Declaration, SourceLocation Location) : Definition(Declaration.Name, Location);

/// <summary>A procedure; with rpcgen's <c>-N</c> convention it may take several arguments, encoded one after another.</summary>
public sealed record ProcedureDefinition(string Name, Value Number, TypeSpecifier Result, IReadOnlyList<TypeSpecifier> Arguments, SourceLocation Location);

public sealed record VersionDefinition(string Name, Value Number, IReadOnlyList<ProcedureDefinition> Procedures, SourceLocation Location);

public sealed record ProgramDefinition(string Name, Value Number, IReadOnlyList<VersionDefinition> Versions, SourceLocation Location)
    : Definition(Name, Location);

/// <summary>A whole .x file (with the files it includes), in order.</summary>
public sealed record Specification(IReadOnlyList<Definition> Definitions);
