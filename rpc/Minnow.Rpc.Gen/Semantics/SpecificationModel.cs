using Minnow.Rpc.Gen.Syntax;

namespace Minnow.Rpc.Gen.Semantics;

/// <summary>
/// A parsed specification with its names resolved and checked: constant values, typedefs expanded
/// to <see cref="XdrType"/>s, and the rules rpcgen and RFC 5531 impose (known names, integral union
/// discriminants with distinct case values, sizes that fit, no struct that contains itself by value,
/// distinct procedure numbers).
/// </summary>
public sealed class SpecificationModel
{
    private readonly Dictionary<string, Definition> _types = [];
    private readonly Dictionary<string, (Value Value, SourceLocation Location)> _constantDefinitions = [];
    private readonly Dictionary<string, long> _constants = [];
    private readonly HashSet<string> _evaluating = [];
    private readonly Dictionary<string, XdrType> _typedefs = [];
    private readonly HashSet<string> _resolvingTypedefs = [];
    private readonly SortedSet<string> _externalTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _externalConstants = [];

    // ONC RPC's netobj (rpc/xdr.h), which .x files use without defining.
    private static readonly TypedefDefinition s_netobj = new(
        new Declaration("netobj", new TypeSpecifier("opaque", default), DeclarationKind.VariableArray, new Value("1024", 1024, default), default), default);

    // Names from ONC RPC's C headers that .x files use as if the language defined them.
    private static readonly Dictionary<string, string> s_headerTypes = new()
    {
        ["rpcprog_t"] = "unsigned int", ["rpcvers_t"] = "unsigned int", ["rpcproc_t"] = "unsigned int",
        ["rpcprot_t"] = "unsigned int", ["rpcport_t"] = "unsigned int",
    };

    private static readonly Dictionary<string, long> s_headerConstants = new() { ["MAXNETNAMELEN"] = 255 };

    /// <param name="specification">The parsed .x file.</param>
    /// <param name="externalConstants">
    /// Numeric constants the .x file uses but leaves to C headers (its <c>%#define</c> lines), as given with -D.
    /// </param>
    public SpecificationModel(Specification specification, IReadOnlyDictionary<string, string>? externalConstants = null)
    {
        Specification = specification;
        foreach ((string name, long value) in s_headerConstants)
        {
            _externalConstants[name] = value;
        }
        foreach ((string name, string text) in externalConstants ?? new Dictionary<string, string>())
        {
            if (long.TryParse(text, out long value) || (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(text[2..], System.Globalization.NumberStyles.HexNumber, null, out value)))
            {
                _externalConstants[name] = value;
            }
        }
        Collect();
        foreach ((string name, var definition) in _constantDefinitions)
        {
            if (!definition.Value.IsString)
            {
                Constant(name, definition.Location);
            }
        }
        Check();
    }

    public Specification Specification { get; }

    public IEnumerable<ConstDefinition> Constants => Specification.Definitions.OfType<ConstDefinition>();

    public IEnumerable<EnumDefinition> Enums => Specification.Definitions.OfType<EnumDefinition>();

    public IEnumerable<StructDefinition> Structs => Specification.Definitions.OfType<StructDefinition>();

    public IEnumerable<UnionDefinition> Unions => Specification.Definitions.OfType<UnionDefinition>();

    public IEnumerable<ProgramDefinition> Programs => Specification.Definitions.OfType<ProgramDefinition>();

    /// <summary>Type names used but not defined here; the generated code expects C# types of those names.</summary>
    public IReadOnlyCollection<string> ExternalTypes => _externalTypes;

    /// <summary>The C# constant for a const: a number, or a string for rpcgen's string constants.</summary>
    public object ConstantValue(ConstDefinition constant) => constant.Value.IsString ? constant.Value.Text : Evaluate(constant.Value);

    /// <summary>The value of a constant reference: a literal, a const, or an enum member.</summary>
    public long Evaluate(Value value) => value.Literal ?? Constant(value.Text, value.Location);

    public long EnumMemberValue(EnumDefinition definition, EnumMember member) => _constants[member.Name];

    public XdrType Resolve(Declaration declaration)
    {
        if (declaration.Kind == DeclarationKind.Void)
        {
            return VoidType.Instance;
        }
        XdrType type = declaration.Type.Name switch
        {
            "string" => new StringType(MaxLength(declaration)),
            "opaque" when declaration.Kind == DeclarationKind.FixedArray => new FixedOpaqueType(FixedLength(declaration)),
            "opaque" => new OpaqueType(MaxLength(declaration)),
            _ => Resolve(declaration.Type),
        };
        if (declaration.Type.Name is "string" or "opaque")
        {
            return type;
        }
        return declaration.Kind switch
        {
            DeclarationKind.FixedArray => new FixedArrayType(type, FixedLength(declaration)),
            DeclarationKind.VariableArray => new ArrayType(type, MaxLength(declaration)),
            DeclarationKind.Optional => new OptionalType(type),
            _ => type,
        };
    }

    /// <summary>A type used on its own (a procedure's argument or result, a typedef's base).</summary>
    public XdrType Resolve(TypeSpecifier type)
    {
        switch (type.Name)
        {
            case "int": return new PrimitiveType(PrimitiveKind.Int);
            case "unsigned int": return new PrimitiveType(PrimitiveKind.UnsignedInt);
            case "hyper": return new PrimitiveType(PrimitiveKind.Hyper);
            case "unsigned hyper": return new PrimitiveType(PrimitiveKind.UnsignedHyper);
            case "float": return new PrimitiveType(PrimitiveKind.Float);
            case "double": return new PrimitiveType(PrimitiveKind.Double);
            case "bool": return new PrimitiveType(PrimitiveKind.Bool);
            case "void": return VoidType.Instance;
            case "string": return new StringType(uint.MaxValue); // a procedure argument or result: rpcgen's unbounded string
            case "quadruple": throw new RpcLanguageException(type.Location, "quadruple (128-bit floating point) has no .NET type and is not supported");
            case "opaque": throw new RpcLanguageException(type.Location, "opaque needs a size: declare a typedef such as 'typedef opaque data<>;'");
        }
        if (!_types.TryGetValue(type.Name, out Definition? definition))
        {
            if (type.Name == "netobj")
            {
                return ResolveTypedef(s_netobj, type.Location);
            }
            if (s_headerTypes.TryGetValue(type.Name, out string? primitive))
            {
                return Resolve(new TypeSpecifier(primitive, type.Location));
            }
            _externalTypes.Add(type.Name);
            return new NamedType(type.Name, NamedKind.External);
        }
        return definition switch
        {
            EnumDefinition => new NamedType(type.Name, NamedKind.Enum),
            StructDefinition => new NamedType(type.Name, NamedKind.Struct),
            UnionDefinition => new NamedType(type.Name, NamedKind.Union),
            TypedefDefinition typedef => ResolveTypedef(typedef, type.Location),
            _ => throw new RpcLanguageException(type.Location, $"{type.Name} is not a type"),
        };
    }

    private XdrType ResolveTypedef(TypedefDefinition typedef, SourceLocation usedAt)
    {
        if (_typedefs.TryGetValue(typedef.Name, out XdrType? resolved))
        {
            return resolved;
        }
        if (!_resolvingTypedefs.Add(typedef.Name))
        {
            throw new RpcLanguageException(usedAt, $"typedef {typedef.Name} is defined in terms of itself");
        }
        resolved = Resolve(typedef.Declaration);
        _resolvingTypedefs.Remove(typedef.Name);
        _typedefs[typedef.Name] = resolved;
        return resolved;
    }

    private void Collect()
    {
        // rpcgen's output is C, where TRUE and FALSE exist; .x files use them as union cases.
        var predefined = new Dictionary<string, long> { ["TRUE"] = 1, ["FALSE"] = 0 };
        bool Defines(string name) => Specification.Definitions.Any(d => d.Name == name)
            || Specification.Definitions.OfType<EnumDefinition>().Any(e => e.Members.Any(m => m.Name == name));
        foreach ((string name, long value) in predefined)
        {
            if (!Defines(name))
            {
                _constants[name] = value;
            }
        }
        foreach (Definition definition in Specification.Definitions)
        {
            switch (definition)
            {
                case ConstDefinition constant:
                    AddConstant(constant.Name, constant.Value, constant.Location);
                    break;
                case EnumDefinition enumeration:
                    AddType(enumeration);
                    Value? previous = null;
                    long offset = 0;
                    foreach (EnumMember member in enumeration.Members)
                    {
                        // rpcgen allows members without values; like C, they count on from the previous one.
                        Value value = member.Value ?? (previous is null
                            ? new Value($"{offset}", offset, member.Location)
                            : previous.Literal is long literal
                                ? new Value($"{literal + offset}", literal + offset, member.Location)
                                : new Value($"{previous.Text}+{offset}", null, member.Location));
                        if (member.Value is not null)
                        {
                            previous = member.Value;
                            offset = 1;
                        }
                        else
                        {
                            offset++;
                        }
                        AddConstant(member.Name, value, member.Location);
                    }
                    break;
                case ProgramDefinition program:
                    AddConstant(program.Name, program.Number, program.Location);
                    foreach (VersionDefinition version in program.Versions)
                    {
                        AddConstant(version.Name, version.Number, version.Location);
                    }
                    break;
                case TypedefDefinition { Declaration: { Kind: DeclarationKind.Plain } aliased } typedef
                    when aliased.Type.Name == typedef.Name && _types.TryGetValue(typedef.Name, out Definition? named) && named is not TypedefDefinition:
                    // "typedef struct foo foo;": the C idiom for naming a struct, nothing new in XDR.
                    break;
                default:
                    AddType(definition);
                    break;
            }
        }
        // rpcgen #defines procedure names too, and .x files use them as constants; the same name in
        // several versions is the same procedure, so the first definition stands.
        foreach (ProgramDefinition program in Specification.Definitions.OfType<ProgramDefinition>())
        {
            foreach (ProcedureDefinition procedure in program.Versions.SelectMany(v => v.Procedures))
            {
                _constantDefinitions.TryAdd(procedure.Name, (procedure.Number, procedure.Location));
            }
        }
    }

    private void AddType(Definition definition)
    {
        if (!_types.TryAdd(definition.Name, definition))
        {
            throw new RpcLanguageException(definition.Location, $"{definition.Name} is defined twice (first at {_types[definition.Name].Location})");
        }
    }

    private void AddConstant(string name, Value value, SourceLocation location)
    {
        if (!_constantDefinitions.TryAdd(name, (value, location)))
        {
            throw new RpcLanguageException(location, $"{name} is defined twice (first at {_constantDefinitions[name].Location})");
        }
    }

    private long Constant(string name, SourceLocation usedAt)
    {
        if (_constants.TryGetValue(name, out long known))
        {
            return known;
        }
        // An implicit enum value "PREVIOUS+n".
        int plus = name.LastIndexOf('+');
        if (plus > 0 && long.TryParse(name[(plus + 1)..], out long offset))
        {
            return Constant(name[..plus], usedAt) + offset;
        }
        if (!_constantDefinitions.TryGetValue(name, out var definition))
        {
            return _externalConstants.TryGetValue(name, out long external)
                ? external
                : throw new RpcLanguageException(usedAt, $"unknown constant {name} (if a C header defines it, give its value with -D {name}=VALUE)");
        }
        if (!_evaluating.Add(name))
        {
            throw new RpcLanguageException(usedAt, $"constant {name} is defined in terms of itself");
        }
        if (definition.Value.IsString)
        {
            throw new RpcLanguageException(usedAt, $"{name} is a string constant, not a number");
        }
        long value = Evaluate(definition.Value);
        _evaluating.Remove(name);
        _constants[name] = value;
        return value;
    }

    private uint MaxLength(Declaration declaration)
    {
        if (declaration.Size is null)
        {
            return uint.MaxValue;
        }
        long size = Evaluate(declaration.Size);
        return size is >= 0 and <= uint.MaxValue
            ? (uint)size
            : throw new RpcLanguageException(declaration.Size.Location, $"maximum size {size} of {declaration.Name} is not between 0 and {uint.MaxValue}");
    }

    private int FixedLength(Declaration declaration)
    {
        long size = Evaluate(declaration.Size!);
        return size is >= 0 and <= int.MaxValue
            ? (int)size
            : throw new RpcLanguageException(declaration.Size!.Location, $"size {size} of {declaration.Name} is not between 0 and {int.MaxValue}");
    }

    private void Check()
    {
        foreach (EnumDefinition enumeration in Enums)
        {
            foreach (EnumMember member in enumeration.Members)
            {
                long value = _constants[member.Name];
                if (value is < int.MinValue or > int.MaxValue)
                {
                    throw new RpcLanguageException(member.Location, $"enum value {member.Name} = {value} does not fit in 32 bits");
                }
            }
        }
        foreach (StructDefinition structure in Structs)
        {
            var names = new HashSet<string>();
            foreach (Declaration field in structure.Fields)
            {
                if (field.Kind == DeclarationKind.Void)
                {
                    throw new RpcLanguageException(field.Location, $"struct {structure.Name} has a void member");
                }
                if (!names.Add(field.Name))
                {
                    throw new RpcLanguageException(field.Location, $"struct {structure.Name} has two members named {field.Name}");
                }
                CheckNotContaining(structure.Name, Resolve(field), field.Location, []);
            }
        }
        foreach (UnionDefinition union in Unions)
        {
            CheckUnion(union);
        }
        foreach (TypedefDefinition typedef in Specification.Definitions.OfType<TypedefDefinition>())
        {
            ResolveTypedef(typedef, typedef.Location);
        }
        foreach (ProgramDefinition program in Programs)
        {
            CheckProgram(program);
        }
    }

    private void CheckUnion(UnionDefinition union)
    {
        XdrType discriminant = Resolve(union.Discriminant);
        if (union.Discriminant.Kind != DeclarationKind.Plain
            || discriminant is not (PrimitiveType { Kind: PrimitiveKind.Int or PrimitiveKind.UnsignedInt or PrimitiveKind.Bool } or NamedType { Kind: NamedKind.Enum }))
        {
            throw new RpcLanguageException(union.Discriminant.Location, $"the discriminant of union {union.Name} must be int, unsigned int, bool or an enum");
        }
        var seen = new Dictionary<long, Value>();
        foreach (UnionArm arm in union.Arms.Append(union.Default).OfType<UnionArm>())
        {
            foreach (Value value in arm.Cases)
            {
                long number = Evaluate(value);
                if (!seen.TryAdd(number, value))
                {
                    throw new RpcLanguageException(value.Location, $"union {union.Name} has case {number} twice (first as {seen[number]} at {seen[number].Location})");
                }
            }
            XdrType type = Resolve(arm.Declaration);
            if (type is not VoidType)
            {
                CheckNotContaining(union.Name, type, arm.Declaration.Location, []);
            }
        }
    }

    private void CheckProgram(ProgramDefinition program)
    {
        CheckUInt32(program.Number, $"program {program.Name}");
        foreach (VersionDefinition version in program.Versions)
        {
            CheckUInt32(version.Number, $"version {version.Name}");
            var numbers = new Dictionary<long, string>();
            var names = new HashSet<string>();
            foreach (ProcedureDefinition procedure in version.Procedures)
            {
                long number = CheckUInt32(procedure.Number, $"procedure {procedure.Name}");
                if (!numbers.TryAdd(number, procedure.Name))
                {
                    throw new RpcLanguageException(procedure.Location, $"procedures {numbers[number]} and {procedure.Name} of {version.Name} are both number {number}");
                }
                if (!names.Add(procedure.Name))
                {
                    throw new RpcLanguageException(procedure.Location, $"{version.Name} has two procedures named {procedure.Name}");
                }
                Resolve(procedure.Result);
                foreach (TypeSpecifier argument in procedure.Arguments)
                {
                    Resolve(argument);
                }
            }
        }
    }

    private long CheckUInt32(Value value, string what)
    {
        long number = Evaluate(value);
        return number is >= 0 and <= uint.MaxValue
            ? number
            : throw new RpcLanguageException(value.Location, $"{what} = {number} is not an unsigned 32-bit number");
    }

    // A struct or union that contains itself by value (not through optional data or a variable
    // array) would have infinite size.
    private void CheckNotContaining(string container, XdrType type, SourceLocation location, HashSet<string> visiting)
    {
        switch (type)
        {
            case NamedType { Kind: NamedKind.Struct or NamedKind.Union } named:
                if (named.Name == container)
                {
                    throw new RpcLanguageException(location, $"{container} contains itself; use optional data (*) or a variable-length array");
                }
                if (!visiting.Add(named.Name))
                {
                    return;
                }
                foreach (XdrType member in MembersOf(named.Name))
                {
                    CheckNotContaining(container, member, location, visiting);
                }
                break;
            case FixedArrayType fixedArray:
                CheckNotContaining(container, fixedArray.Element, location, visiting);
                break;
        }
    }

    private IEnumerable<XdrType> MembersOf(string name) => _types[name] switch
    {
        StructDefinition s => s.Fields.Select(Resolve),
        UnionDefinition u => u.Arms.Append(u.Default).OfType<UnionArm>().Select(a => Resolve(a.Declaration)),
        _ => [],
    };
}
