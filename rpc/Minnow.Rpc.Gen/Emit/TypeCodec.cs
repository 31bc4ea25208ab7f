using System.Globalization;
using Minnow.Rpc.Gen.Semantics;

namespace Minnow.Rpc.Gen.Emit;

/// <summary>The C# type of an <see cref="XdrType"/> and the code that encodes and decodes it with Minnow.Rpc.Xdr.</summary>
public sealed class TypeCodec
{
    private readonly IReadOnlyDictionary<string, string> _typeNames;
    private readonly SpecificationModel _model;
    private readonly Dictionary<string, int> _minimumSizes = [];

    public TypeCodec(IReadOnlyDictionary<string, string> typeNames, SpecificationModel model)
    {
        _typeNames = typeNames;
        _model = model;
    }

    public string CSharpType(XdrType type) => type switch
    {
        PrimitiveType p => p.Kind switch
        {
            PrimitiveKind.Int => "int",
            PrimitiveKind.UnsignedInt => "uint",
            PrimitiveKind.Hyper => "long",
            PrimitiveKind.UnsignedHyper => "ulong",
            PrimitiveKind.Float => "float",
            PrimitiveKind.Double => "double",
            _ => "bool",
        },
        NamedType n => TypeName(n),
        StringType => "string",
        OpaqueType or FixedOpaqueType => "byte[]",
        ArrayType a => CSharpType(a.Element) + "[]",
        FixedArrayType f => CSharpType(f.Element) + "[]",
        OptionalType o => CSharpType(o.Element) + "?",
        _ => "global::Minnow.Rpc.RpcVoid",
    };

    public static bool IsValueType(XdrType type) => type is PrimitiveType or NamedType { Kind: NamedKind.Enum } or VoidType;

    /// <summary>An initial value that encodes (empty strings and arrays, fresh structs), or null for the type's default.</summary>
    public string? Initializer(XdrType type) => type switch
    {
        StringType => "\"\"",
        OpaqueType or ArrayType => "[]",
        FixedOpaqueType f => $"new byte[{f.Length}]",
        FixedArrayType f => FixedArrayInitializer(f),
        NamedType { Kind: NamedKind.Struct or NamedKind.Union or NamedKind.External } n => $"new {TypeName(n)}()",
        _ => null,
    };

    /// <summary>Statements that write <paramref name="value"/> with the XdrWriter <paramref name="writer"/>.</summary>
    public string Encode(XdrType type, string value, string writer, int depth = 1) => type switch
    {
        PrimitiveType p => p.Kind switch
        {
            PrimitiveKind.Int => $"{writer}.WriteInt32({value});",
            PrimitiveKind.UnsignedInt => $"{writer}.WriteUInt32({value});",
            PrimitiveKind.Hyper => $"{writer}.WriteInt64({value});",
            PrimitiveKind.UnsignedHyper => $"{writer}.WriteUInt64({value});",
            PrimitiveKind.Float => $"{writer}.WriteSingle({value});",
            PrimitiveKind.Double => $"{writer}.WriteDouble({value});",
            _ => $"{writer}.WriteBoolean({value});",
        },
        NamedType { Kind: NamedKind.Enum } => $"{writer}.WriteInt32((int){value});",
        NamedType => $"{writer}.Write({value});",
        StringType s => $"{writer}.WriteString({value}{Max(s.MaxLength)});",
        OpaqueType o => $"{writer}.WriteOpaque({value}{Max(o.MaxLength)});",
        FixedOpaqueType f => $"{writer}.WriteFixedOpaque({value}, {f.Length});",
        ArrayType a => $"{writer}.WriteArray({value}, {EncodeLambda(a.Element, depth)}{Max(a.MaxLength)});",
        FixedArrayType f => $"{writer}.WriteFixedArray({value}, {f.Length}, {EncodeLambda(f.Element, depth)});",
        OptionalType o => $"{writer}.{(IsValueType(o.Element) ? "WriteOptionalValue" : "WriteOptional")}({value}, {EncodeLambda(o.Element, depth)});",
        _ => "",
    };

    /// <summary>An expression that reads the type from the XdrReader <paramref name="reader"/>.</summary>
    public string Decode(XdrType type, string reader, int depth = 1) => type switch
    {
        PrimitiveType p => p.Kind switch
        {
            PrimitiveKind.Int => $"{reader}.ReadInt32()",
            PrimitiveKind.UnsignedInt => $"{reader}.ReadUInt32()",
            PrimitiveKind.Hyper => $"{reader}.ReadInt64()",
            PrimitiveKind.UnsignedHyper => $"{reader}.ReadUInt64()",
            PrimitiveKind.Float => $"{reader}.ReadSingle()",
            PrimitiveKind.Double => $"{reader}.ReadDouble()",
            _ => $"{reader}.ReadBoolean()",
        },
        NamedType { Kind: NamedKind.Enum } n => $"{reader}.ReadEnum<{TypeName(n)}>()",
        NamedType n => $"{reader}.Read<{TypeName(n)}>()",
        StringType s => $"{reader}.ReadString({MaxArgument(s.MaxLength)})",
        OpaqueType o => $"{reader}.ReadOpaque({MaxArgument(o.MaxLength)})",
        FixedOpaqueType f => $"{reader}.ReadFixedOpaque({f.Length})",
        ArrayType a => $"{reader}.ReadArray<{CSharpType(a.Element)}>({DecodeLambda(a.Element, depth)}, {MaxArgument(a.MaxLength)}, {MinimumSize(a.Element)})",
        FixedArrayType f => $"{reader}.ReadFixedArray<{CSharpType(f.Element)}>({f.Length}, {DecodeLambda(f.Element, depth)}, {MinimumSize(f.Element)})",
        OptionalType o => IsValueType(o.Element)
            ? $"{reader}.ReadOptionalValue<{CSharpType(o.Element)}>({DecodeLambda(o.Element, depth)})"
            : $"{reader}.ReadOptional<{CSharpType(o.Element)}>({DecodeLambda(o.Element, depth)})",
        _ => "default",
    };

    /// <summary>The fewest bytes an encoded value takes: array counts are checked against it before allocating.</summary>
    public int MinimumSize(XdrType type) => type switch
    {
        PrimitiveType { Kind: PrimitiveKind.Hyper or PrimitiveKind.UnsignedHyper or PrimitiveKind.Double } => 8,
        PrimitiveType or NamedType { Kind: NamedKind.Enum } => 4,
        NamedType { Kind: NamedKind.External } => 4,
        NamedType n => NamedMinimumSize(n.Name),
        FixedOpaqueType f => (int)Math.Min(((long)f.Length + 3) & ~3L, int.MaxValue),
        FixedArrayType f => (int)Math.Min((long)f.Length * MinimumSize(f.Element), int.MaxValue),
        VoidType => 0,
        _ => 4,
    };

    private string TypeName(NamedType type) => type.Kind == NamedKind.External ? CSharpNames.Pascal(type.Name) : _typeNames[type.Name];

    private int NamedMinimumSize(string name)
    {
        if (_minimumSizes.TryGetValue(name, out int known))
        {
            return known;
        }
        _minimumSizes[name] = 4; // a guard while computing; recursion only passes through optional data and arrays anyway
        Syntax.Definition definition = _model.Specification.Definitions.First(d => d.Name == name && d is Syntax.StructDefinition or Syntax.UnionDefinition);
        long size = definition switch
        {
            Syntax.StructDefinition s => s.Fields.Sum(f => (long)MinimumSize(_model.Resolve(f))),
            Syntax.UnionDefinition u => 4 + u.Arms.Append(u.Default).OfType<Syntax.UnionArm>().Min(a => (long)MinimumSize(_model.Resolve(a.Declaration))),
            _ => 4,
        };
        int result = (int)Math.Min(size, int.MaxValue);
        _minimumSizes[name] = result;
        return result;
    }

    private string FixedArrayInitializer(FixedArrayType type)
    {
        string element = CSharpType(type.Element);
        int bracket = element.IndexOf('[');
        // new T[n] for T = U[] must be written new U[n][].
        return bracket < 0 ? $"new {element}[{type.Length}]" : $"new {element[..bracket]}[{type.Length}]{element[bracket..]}";
    }

    private string EncodeLambda(XdrType element, int depth)
        => $"static (w{depth}, v{depth}) => {{ {Encode(element, $"v{depth}", $"w{depth}", depth + 1)} }}";

    private string DecodeLambda(XdrType element, int depth)
        => $"static (ref global::Minnow.Rpc.Xdr.XdrReader r{depth}) => {Decode(element, $"r{depth}", depth + 1)}";

    private static string Max(uint maxLength) => maxLength == uint.MaxValue ? "" : $", {MaxArgument(maxLength)}";

    private static string MaxArgument(uint maxLength) => maxLength == uint.MaxValue ? "uint.MaxValue" : maxLength.ToString(CultureInfo.InvariantCulture) + "u";
}
