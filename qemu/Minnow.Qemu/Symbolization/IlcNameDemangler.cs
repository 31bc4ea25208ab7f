using System.Text;
using System.Text.RegularExpressions;

namespace Minnow.Qemu.Symbolization;

/// <summary>
/// Best-effort reverse of the symbol names ilc (NativeAotNameMangler) gives managed methods.
/// The mangling is lossy, so this is a heuristic built on how ilc 10 composes names:
/// <list type="bullet">
/// <item>every character other than [A-Za-z0-9] of a metadata name becomes '_' ('.', '&lt;', '&gt;', '|', '`');</item>
/// <item>a type is "&lt;assembly&gt;_&lt;namespace&gt;_&lt;type&gt;[_&lt;nested&gt;]", System.Private.X shortened to
///   S_P_X; CoreLib's primitive types, String and Object get bare short names (String, Int32, UInt8);</item>
/// <item>generic arguments follow the type or method in &lt;...&gt;, separated by "__";</item>
/// <item>a method is "&lt;type&gt;__&lt;method&gt;", and overloads get "_0", "_1", ... appended.</item>
/// </list>
/// Compiler-generated names ("&lt;Main&gt;g__Fault|0", "&lt;&gt;c__DisplayClass3_0", "&lt;Numbers&gt;d__3") contain "__"
/// themselves; they are recognised first and restored to their C# metadata form, the form .NET's own
/// stack traces print.
/// </summary>
internal sealed partial class IlcNameDemangler
{
    private static readonly Dictionary<string, string> s_shortTypeNames = new(StringComparer.Ordinal)
    {
        ["Bool"] = "System.Boolean",
        ["Int8"] = "System.SByte",
        ["UInt8"] = "System.Byte",
        ["Int16"] = "System.Int16",
        ["UInt16"] = "System.UInt16",
        ["Int32"] = "System.Int32",
        ["UInt32"] = "System.UInt32",
        ["Int64"] = "System.Int64",
        ["UInt64"] = "System.UInt64",
        ["Char"] = "System.Char",
        ["Double"] = "System.Double",
        ["Single"] = "System.Single",
        ["IntPtr"] = "System.IntPtr",
        ["UIntPtr"] = "System.UIntPtr",
        ["Object"] = "System.Object",
        ["String"] = "System.String",
    };

    // Assembly prefixes the general rules get wrong: System.Private.* names with more than one part
    // after "S_P_", and the module ilc generates itself.
    private static readonly string[] s_builtInAssemblyPrefixes =
    [
        "S_P_Reflection_Execution", "S_P_Xml_Linq", "S_P_Runtime_InteropServices_JavaScript", "Internal_CompilerGenerated",
    ];

    private readonly string[] _assemblyPrefixes;

    public IlcNameDemangler(IEnumerable<string> assemblyNames)
    {
        _assemblyPrefixes = assemblyNames.Select(SanitizeAssemblyName)
            .Concat(s_builtInAssemblyPrefixes)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(p => p.Length)
            .ToArray();
    }

    /// <summary>
    /// Demangles "&lt;type&gt;__&lt;method&gt;" names; false for anything that does not look like one
    /// (C symbols such as main, RhpNewFast or __libc_start_main).
    /// </summary>
    public bool TryDemangleMethod(string name, out string readable)
    {
        readable = name;
        if (!TrySplitMethod(name, out string typePart, out string methodPart))
            return false;
        readable = RenderType(typePart) + "." + RenderMethod(methodPart);
        return true;
    }

    /// <summary>Splits "&lt;type&gt;__&lt;method&gt;" at the first "__" that is not inside a generated name or &lt;...&gt;.</summary>
    public static bool TrySplitMethod(string name, out string typePart, out string methodPart)
    {
        typePart = methodPart = "";
        if (name.Length < 4 || !char.IsAsciiLetter(name[0]) || !IsMangledAlphabet(name))
            return false;
        int separator = new string(Mask(name)).IndexOf("__", StringComparison.Ordinal);
        if (separator <= 0 || separator + 2 >= name.Length)
            return false;
        typePart = name[..separator];
        methodPart = name[(separator + 2)..];
        return true;
    }

    /// <summary>Renders a mangled type name ("repro_Repro_Shapes_Box_1&lt;repro_Repro_Shapes_Square&gt;").</summary>
    public string RenderType(string mangled)
    {
        SplitTrailingArguments(mangled, out string baseName, out List<string> arguments);
        if (s_shortTypeNames.TryGetValue(baseName, out string? wellKnown))
            return wellKnown + FormatArguments(arguments);
        if (baseName == "System___Canon")
            return "System.__Canon"; // the shared-generics placeholder, which has no assembly prefix

        List<(string Text, int Arity)> segments = Segments(StripAssembly(baseName));
        int totalArity = segments.Sum(s => s.Arity);
        bool distribute = arguments.Count > 0 && totalArity == arguments.Count;
        var text = new StringBuilder();
        int nextArgument = 0;
        foreach ((string segment, int arity) in segments)
        {
            if (text.Length > 0)
                text.Append('.');
            text.Append(segment);
            if (arity == 0)
                continue;
            if (distribute)
            {
                text.Append(FormatArguments(arguments.GetRange(nextArgument, arity)));
                nextArgument += arity;
            }
            else if (arguments.Count == 0)
            {
                text.Append('`').Append(arity);
            }
        }
        if (arguments.Count > 0 && !distribute)
            text.Append(FormatArguments(arguments));
        return text.ToString();
    }

    /// <summary>Renders the method part: generated names restored, ".ctor", overload suffix dropped.</summary>
    public string RenderMethod(string mangled)
    {
        SplitTrailingArguments(mangled, out string baseName, out List<string> arguments);
        string name = RestoreGeneratedName(baseName);
        if (ReferenceEquals(name, baseName))
        {
            if (OverloadSuffixPattern().Match(baseName) is { Success: true } overload)
                baseName = baseName[..overload.Index];
            name = ConstructorPattern().Match(baseName) is { Success: true } constructor
                ? "." + constructor.Groups[1].Value
                : RestoreExplicitInterfaceName(baseName);
        }
        return name + FormatArguments(arguments);
    }

    /// <summary>
    /// Explicit interface implementations are named after the interface: "System.IConvertible.ToInt16"
    /// becomes System_IConvertible_ToInt16, "IEnumerator&lt;System.Int32&gt;.get_Current" becomes
    /// ..._IEnumerator_System_Int32__get_Current.
    /// </summary>
    private static string RestoreExplicitInterfaceName(string name)
    {
        Match match = ExplicitInterfacePattern().Match(name);
        if (!match.Success)
            return name;
        string arguments = match.Groups["arguments"].Success ? "<" + match.Groups["arguments"].Value.Replace('_', '.') + ">" : "";
        return match.Groups["interface"].Value.Replace('_', '.') + arguments + "." + match.Groups["member"].Value;
    }

    private static string FormatArguments(List<string> arguments) =>
        arguments.Count == 0 ? "" : "<" + string.Join(", ", arguments) + ">";

    private void SplitTrailingArguments(string mangled, out string baseName, out List<string> arguments)
    {
        baseName = mangled;
        arguments = [];
        if (!mangled.EndsWith('>'))
            return;
        int depth = 0;
        for (int i = mangled.Length - 1; i > 0; i--)
        {
            if (mangled[i] == '>')
                depth++;
            else if (mangled[i] == '<' && --depth == 0)
            {
                baseName = mangled[..i];
                arguments = SplitArguments(mangled[(i + 1)..^1]).Select(RenderType).ToList();
                return;
            }
        }
    }

    /// <summary>Generic arguments are joined by "__"; the ones inside nested &lt;...&gt; or generated names do not count.</summary>
    private static List<string> SplitArguments(string content)
    {
        var parts = new List<string>();
        char[] masked = Mask(content);
        int start = 0;
        for (int i = 0; i + 1 < masked.Length; i++)
        {
            if (masked[i] == '_' && masked[i + 1] == '_')
            {
                parts.Add(content[start..i]);
                start = i + 2;
                i++;
            }
        }
        parts.Add(content[start..]);
        return parts.Where(p => p.Length > 0).ToList();
    }

    /// <summary>Namespace and nesting parts; a purely numeric part is the generic arity of the one before.</summary>
    private static List<(string Text, int Arity)> Segments(string name)
    {
        var segments = new List<(string Text, int Arity)>();
        char[] masked = Mask(name);
        string pendingUnderscores = "";
        int start = 0;
        for (int i = 0; i <= masked.Length; i++)
        {
            if (i < masked.Length && masked[i] != '_')
                continue;
            string piece = name[start..i];
            start = i + 1;
            if (piece.Length == 0)
            {
                pendingUnderscores += "_"; // a literal '_' (or a lost '<'); keep it on the next part
                continue;
            }
            if (segments.Count > 0 && pendingUnderscores.Length == 0 && piece.All(char.IsAsciiDigit) && int.TryParse(piece, out int arity))
            {
                segments[^1] = (segments[^1].Text, segments[^1].Arity + arity);
                continue;
            }
            segments.Add((pendingUnderscores + RestoreGeneratedName(piece), 0));
            pendingUnderscores = "";
        }
        if (pendingUnderscores.Length > 0 && segments.Count > 0)
            segments[^1] = (segments[^1].Text + pendingUnderscores, segments[^1].Arity);
        return segments;
    }

    /// <summary>
    /// Removes the assembly part. Known names first; then System.Private.X ("S_P_X"); then the usual
    /// layout where the namespace repeats the assembly's first part (repro_Repro_..., System_Console_System_...);
    /// otherwise the first part alone.
    /// </summary>
    private string StripAssembly(string name)
    {
        foreach (string prefix in _assemblyPrefixes)
        {
            if (name.Length > prefix.Length + 1 && name.StartsWith(prefix, StringComparison.Ordinal) && name[prefix.Length] == '_')
                return name[(prefix.Length + 1)..];
        }
        string[] tokens = name.Split('_');
        if (tokens.Length > 3 && tokens[0] == "S" && tokens[1] == "P")
            return string.Join('_', tokens[3..]);
        for (int k = 1; k <= 6 && k < tokens.Length - 1; k++)
        {
            if (tokens[0].Length > 0 && string.Equals(tokens[k], tokens[0], StringComparison.OrdinalIgnoreCase))
                return string.Join('_', tokens[k..]);
        }
        return tokens.Length >= 2 && tokens[0].Length > 0 ? string.Join('_', tokens[1..]) : name;
    }

    private static string SanitizeAssemblyName(string assemblyName)
    {
        string name = assemblyName.StartsWith("System.Private.", StringComparison.Ordinal)
            ? "S.P." + assemblyName["System.Private.".Length..]
            : assemblyName;
        return new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
    }

    /// <summary>Gives back the C# metadata form of a compiler-generated name part; the same instance otherwise.</summary>
    private static string RestoreGeneratedName(string part)
    {
        if (part == "System___Canon")
            return "System.__Canon";
        if (part == "__c")
            return "<>c";
        if (DisplayClassPattern().IsMatch(part) && part.StartsWith("__c__", StringComparison.Ordinal))
            return "<>" + part[2..];
        if (ModulePattern().Match(part) is { Success: true, Length: var length } module && length == part.Length)
            return "<" + part[1..^1] + ">";
        Match member = WholeGeneratedMemberPattern().Match(part);
        if (!member.Success)
            return part;
        string outer = member.Groups["outer"].Value;
        return member.Groups["kind"].Value switch
        {
            "g" => $"<{outer}>g__{member.Groups["local"].Value}|{member.Groups["index"].Value}",
            "b" => $"<{outer}>b__{member.Groups["index"].Value}",
            _ => $"<{outer}>d__{member.Groups["index"].Value}",
        };
    }

    /// <summary>
    /// A copy of the name where everything inside &lt;...&gt; and inside recognised generated names is
    /// replaced by '#', so that searching for "__" only finds real separators.
    /// </summary>
    private static char[] Mask(string name)
    {
        char[] masked = name.ToCharArray();
        int depth = 0;
        for (int i = 0; i < masked.Length; i++)
        {
            char c = masked[i];
            if (c == '<')
                depth++;
            if (depth > 0)
                masked[i] = '#';
            if (c == '>' && depth > 0)
                depth--;
        }
        // Order matters: "<>c" must be hidden before the generated-member pattern could swallow it.
        foreach (Regex pattern in (Regex[])[CanonPattern(), DisplayClassPattern(), ClosureClassPattern(), ModulePattern(), GeneratedMemberPattern()])
        {
            foreach (Match match in pattern.Matches(new string(masked)))
                Array.Fill(masked, '#', match.Index, match.Length);
        }
        return masked;
    }

    private static bool IsMangledAlphabet(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '<' or '>');

    [GeneratedRegex(@"System___Canon(?![A-Za-z0-9])")]
    private static partial Regex CanonPattern();

    [GeneratedRegex(@"__c__DisplayClass\d+_\d+")]
    private static partial Regex DisplayClassPattern();

    [GeneratedRegex(@"(?<=_)__c(?![A-Za-z0-9])")]
    private static partial Regex ClosureClassPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9])_(?:Module|PrivateImplementationDetails)_(?![A-Za-z0-9])")]
    private static partial Regex ModulePattern();

    // <Outer>g__Local|1_0 (local function), <Outer>b__1_0 (lambda), <Outer>d__3 (iterator/async state machine).
    [GeneratedRegex(@"(?<![A-Za-z0-9])_[A-Za-z0-9][A-Za-z0-9_]*?_(?:g__[A-Za-z0-9_]*?_\d+(?:_\d+)?|b__\d+(?:_\d+)?|d__\d+)(?![A-Za-z0-9])")]
    private static partial Regex GeneratedMemberPattern();

    [GeneratedRegex(@"^_(?<outer>[A-Za-z0-9][A-Za-z0-9_]*?)_(?:(?<kind>g)__(?<local>[A-Za-z0-9_]*?)_(?<index>\d+(?:_\d+)?)|(?<kind>b)__(?<index>\d+(?:_\d+)?)|(?<kind>d)__(?<index>\d+))$")]
    private static partial Regex WholeGeneratedMemberPattern();

    [GeneratedRegex(@"^(?<interface>(?:[A-Z][A-Za-z0-9]*_)+I[A-Z][A-Za-z0-9]*)(?:_(?<arguments>[A-Za-z0-9_]+?)__|_(?![A-Za-z0-9_]*__))(?<member>[A-Za-z][A-Za-z0-9_]*)$")]
    private static partial Regex ExplicitInterfacePattern();

    [GeneratedRegex(@"^_(c?ctor)$")]
    private static partial Regex ConstructorPattern();

    [GeneratedRegex(@"(?<=[A-Za-z0-9])_\d+$")]
    private static partial Regex OverloadSuffixPattern();
}
