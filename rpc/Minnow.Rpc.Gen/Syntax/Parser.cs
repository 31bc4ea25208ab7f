using System.Globalization;

namespace Minnow.Rpc.Gen.Syntax;

/// <summary>
/// Parses the RPC language of RFC 5531 section 12 with rpcgen's extensions: several procedure
/// arguments (<c>-N</c>), C type spellings (<c>u_int</c>, <c>long</c>, <c>uint32_t</c>, ...),
/// <c>struct</c>/<c>enum</c>/<c>union</c> before type names, enum members without values, and a
/// trailing comma in enums.
/// </summary>
public sealed class Parser
{
    private static readonly Dictionary<string, string> s_typeAliases = new()
    {
        ["int"] = "int", ["long"] = "int", ["short"] = "int", ["char"] = "int", ["int32_t"] = "int",
        ["u_int"] = "unsigned int", ["u_long"] = "unsigned int", ["u_short"] = "unsigned int", ["u_char"] = "unsigned int",
        ["uint32_t"] = "unsigned int", ["u_int32_t"] = "unsigned int",
        ["hyper"] = "hyper", ["int64_t"] = "hyper", ["quad_t"] = "hyper", ["longlong_t"] = "hyper",
        ["uint64_t"] = "unsigned hyper", ["u_int64_t"] = "unsigned hyper", ["u_quad_t"] = "unsigned hyper", ["u_longlong_t"] = "unsigned hyper",
        ["float"] = "float", ["double"] = "double", ["quadruple"] = "quadruple", ["bool"] = "bool", ["bool_t"] = "bool",
        ["opaque"] = "opaque", ["string"] = "string", ["void"] = "void",
    };

    private static readonly HashSet<string> s_keywords =
    [
        "bool", "case", "const", "default", "double", "quadruple", "enum", "float", "hyper", "int", "opaque",
        "string", "struct", "switch", "typedef", "union", "unsigned", "void", "program", "version",
    ];

    private readonly List<Token> _tokens;
    private int _position;

    private Parser(List<Token> tokens)
    {
        _tokens = tokens;
    }

    public static Specification Parse(IEnumerable<SourceText> sources)
    {
        var definitions = new List<Definition>();
        foreach (SourceText source in sources)
        {
            var parser = new Parser(Lexer.Tokenize(source));
            while (parser.Current.Kind != TokenKind.End)
            {
                definitions.Add(parser.Definition());
            }
        }
        return new Specification(definitions);
    }

    private Token Current => _tokens[_position];

    private Definition Definition()
    {
        Token start = Current;
        Definition definition = start.Text switch
        {
            "const" => Const(),
            "enum" => Enum(),
            "struct" => Struct(),
            "union" => Union(),
            "typedef" => Typedef(),
            "program" => Program(),
            _ => throw Error(start, $"expected a definition (const, enum, struct, union, typedef, program), found {start}"),
        };
        Expect(";");
        return definition;
    }

    private ConstDefinition Const()
    {
        SourceLocation location = Next().Location;
        string name = Identifier();
        Expect("=");
        if (Current.Kind == TokenKind.String)
        {
            Token text = Next();
            return new ConstDefinition(name, new Value(text.Text, null, text.Location) { IsString = true }, location);
        }
        return new ConstDefinition(name, Value(), location);
    }

    private EnumDefinition Enum()
    {
        SourceLocation location = Next().Location;
        string name = Identifier();
        Expect("{");
        var members = new List<EnumMember>();
        do
        {
            if (Current.Is("}"))
            {
                break; // a trailing comma, which rpcgen accepts
            }
            SourceLocation memberLocation = Current.Location;
            string member = Identifier();
            Value? value = null;
            if (Accept("="))
            {
                value = Value();
            }
            members.Add(new EnumMember(member, value, memberLocation));
        }
        while (Accept(","));
        Expect("}");
        if (members.Count == 0)
        {
            throw Error(Current, $"enum {name} has no members");
        }
        return new EnumDefinition(name, members, location);
    }

    private StructDefinition Struct()
    {
        SourceLocation location = Next().Location;
        string name = Identifier();
        Expect("{");
        var fields = new List<Declaration>();
        do
        {
            fields.Add(Declaration());
            Expect(";");
        }
        while (!Current.Is("}"));
        Expect("}");
        return new StructDefinition(name, fields, location);
    }

    private UnionDefinition Union()
    {
        SourceLocation location = Next().Location;
        string name = Identifier();
        Expect("switch");
        Expect("(");
        Declaration discriminant = Declaration();
        Expect(")");
        Expect("{");
        var arms = new List<UnionArm>();
        UnionArm? defaultArm = null;
        while (!Current.Is("}"))
        {
            if (Current.Is("default"))
            {
                Token token = Next();
                if (defaultArm is not null)
                {
                    throw Error(token, $"union {name} has two default arms");
                }
                Expect(":");
                defaultArm = new UnionArm([], Declaration());
                Expect(";");
                continue;
            }
            var cases = new List<Value>();
            while (Current.Is("case"))
            {
                Next();
                cases.Add(Value());
                Expect(":");
            }
            if (cases.Count == 0)
            {
                throw Error(Current, $"expected 'case', 'default' or '}}' in union {name}, found {Current}");
            }
            arms.Add(new UnionArm(cases, Declaration()));
            Expect(";");
        }
        Expect("}");
        if (arms.Count == 0)
        {
            throw Error(Current, $"union {name} has no case arms");
        }
        return new UnionDefinition(name, discriminant, arms, defaultArm, location);
    }

    private TypedefDefinition Typedef()
    {
        SourceLocation location = Next().Location;
        Declaration declaration = Declaration();
        if (declaration.Kind == DeclarationKind.Void)
        {
            throw Error(location, "typedef of void");
        }
        return new TypedefDefinition(declaration, location);
    }

    private ProgramDefinition Program()
    {
        SourceLocation location = Next().Location;
        string name = Identifier();
        Expect("{");
        var versions = new List<VersionDefinition>();
        do
        {
            versions.Add(Version());
        }
        while (!Current.Is("}"));
        Expect("}");
        Expect("=");
        return new ProgramDefinition(name, Value(), versions, location);
    }

    private VersionDefinition Version()
    {
        SourceLocation location = Expect("version").Location;
        string name = Identifier();
        Expect("{");
        var procedures = new List<ProcedureDefinition>();
        do
        {
            procedures.Add(Procedure());
        }
        while (!Current.Is("}"));
        Expect("}");
        Expect("=");
        Value number = Value();
        Expect(";");
        return new VersionDefinition(name, number, procedures, location);
    }

    private ProcedureDefinition Procedure()
    {
        SourceLocation location = Current.Location;
        TypeSpecifier result = TypeSpecifier(allowStringAndOpaque: true);
        string name = Identifier();
        Expect("(");
        var arguments = new List<TypeSpecifier>();
        do
        {
            arguments.Add(TypeSpecifier(allowStringAndOpaque: true));
        }
        while (Accept(","));
        Expect(")");
        Expect("=");
        Value number = Value();
        Expect(";");
        if (arguments.Count > 1 && arguments.Any(a => a.Name == "void"))
        {
            throw Error(location, $"procedure {name}: void must be the only argument");
        }
        if (arguments is [{ Name: "void" }])
        {
            arguments.Clear();
        }
        return new ProcedureDefinition(name, number, result, arguments, location);
    }

    private Declaration Declaration()
    {
        Token start = Current;
        TypeSpecifier type = TypeSpecifier(allowStringAndOpaque: true);
        if (type.Name == "void")
        {
            return new Declaration("", type, DeclarationKind.Void, null, start.Location);
        }
        if (Accept("*"))
        {
            if (type.Name is "string" or "opaque")
            {
                throw Error(start, $"{type.Name} cannot be optional data");
            }
            return new Declaration(Identifier(), type, DeclarationKind.Optional, null, start.Location);
        }
        string name = Identifier();
        if (Accept("["))
        {
            Value size = Value();
            Expect("]");
            if (type.Name == "string")
            {
                throw Error(start, $"string {name} must be declared with <>, not []");
            }
            return new Declaration(name, type, DeclarationKind.FixedArray, size, start.Location);
        }
        if (Accept("<"))
        {
            Value? size = Current.Is(">") ? null : Value();
            Expect(">");
            return new Declaration(name, type, DeclarationKind.VariableArray, size, start.Location);
        }
        if (type.Name is "string" or "opaque")
        {
            throw Error(start, $"{type.Name} {name} needs a size: {name}<> or {name}<N>{(type.Name == "opaque" ? $" or {name}[N]" : "")}");
        }
        return new Declaration(name, type, DeclarationKind.Plain, null, start.Location);
    }

    private TypeSpecifier TypeSpecifier(bool allowStringAndOpaque)
    {
        Token token = Next();
        if (token.Kind != TokenKind.Identifier)
        {
            throw Error(token, $"expected a type, found {token}");
        }
        if (token.Text is "struct" or "enum" or "union")
        {
            Token name = Current;
            string identifier = Identifier();
            if (Current.Is("{") || Current.Is("switch"))
            {
                throw Error(name, $"an inline {token.Text} definition is not supported; define {token.Text} {identifier} separately");
            }
            return new TypeSpecifier(identifier, token.Location);
        }
        if (token.Text == "unsigned")
        {
            if (Current.Kind == TokenKind.Identifier && Current.Text is "int" or "long" or "short" or "char")
            {
                Next();
            }
            else if (Current.Is("hyper"))
            {
                Next();
                return new TypeSpecifier("unsigned hyper", token.Location);
            }
            return new TypeSpecifier("unsigned int", token.Location);
        }
        if (s_typeAliases.TryGetValue(token.Text, out string? canonical))
        {
            if (!allowStringAndOpaque && canonical is "string" or "opaque")
            {
                throw Error(token, $"{canonical} is not allowed here");
            }
            return new TypeSpecifier(canonical, token.Location);
        }
        if (s_keywords.Contains(token.Text))
        {
            throw Error(token, $"expected a type, found keyword '{token.Text}'");
        }
        return new TypeSpecifier(token.Text, token.Location);
    }

    private Value Value()
    {
        Token token = Next();
        if (token.Kind == TokenKind.Number)
        {
            return new Value(token.Text, ParseNumber(token), token.Location);
        }
        if (token.Kind == TokenKind.Identifier && !s_keywords.Contains(token.Text))
        {
            return new Value(token.Text, null, token.Location);
        }
        throw Error(token, $"expected a number or a constant name, found {token}");
    }

    private static long ParseNumber(Token token)
    {
        string text = token.Text;
        bool negative = text.StartsWith('-');
        string digits = negative ? text[1..] : text;
        bool ok;
        ulong magnitude;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            ok = ulong.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out magnitude);
        }
        else if (digits.Length > 1 && digits[0] == '0')
        {
            ok = digits.All(c => c is >= '0' and <= '7');
            magnitude = 0;
            foreach (char c in ok ? digits : "")
            {
                if (magnitude > (ulong.MaxValue >> 3))
                {
                    ok = false;
                    break;
                }
                magnitude = magnitude * 8 + (ulong)(c - '0');
            }
        }
        else
        {
            ok = ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude);
        }
        if (!ok || magnitude > (negative ? 1UL << 63 : ulong.MaxValue >> 1))
        {
            throw Error(token, $"bad number {text}");
        }
        return negative ? -(long)magnitude : (long)magnitude;
    }

    private string Identifier()
    {
        Token token = Next();
        if (token.Kind != TokenKind.Identifier || s_keywords.Contains(token.Text))
        {
            throw Error(token, $"expected a name, found {token}");
        }
        return token.Text;
    }

    private Token Expect(string text)
    {
        Token token = Next();
        if (!token.Is(text))
        {
            throw Error(token, $"expected '{text}', found {token}");
        }
        return token;
    }

    private bool Accept(string text)
    {
        if (!Current.Is(text))
        {
            return false;
        }
        _position++;
        return true;
    }

    private Token Next()
    {
        Token token = Current;
        if (token.Kind != TokenKind.End)
        {
            _position++;
        }
        return token;
    }

    private static RpcLanguageException Error(Token token, string message) => new(token.Location, message);

    private static RpcLanguageException Error(SourceLocation location, string message) => new(location, message);
}
