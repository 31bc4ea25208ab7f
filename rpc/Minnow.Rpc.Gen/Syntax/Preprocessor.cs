using System.Text;

namespace Minnow.Rpc.Gen.Syntax;

/// <summary>
/// The part of cpp that .x files rely on, done in C# so the build needs no C toolchain: backslash
/// line splicing, <c>#include "file"</c>, <c>#define</c>/<c>#undef</c> of names for conditionals,
/// <c>#if</c>/<c>#ifdef</c>/<c>#ifndef</c>/<c>#elif</c>/<c>#else</c>/<c>#endif</c>, and dropping
/// rpcgen's <c>%</c> pass-through lines (C code for rpcgen's C output, meaningless for C#).
/// Output keeps one line per input line, so the lexer's locations stay true; included files are
/// returned as separate sources.
/// </summary>
public sealed class Preprocessor
{
    private readonly Dictionary<string, string> _defines;
    private readonly IReadOnlyList<string> _includeDirectories;
    private readonly HashSet<string> _including = [];

    public Preprocessor(IReadOnlyDictionary<string, string>? defines = null, IReadOnlyList<string>? includeDirectories = null)
    {
        _defines = defines is null ? [] : new Dictionary<string, string>(defines);
        _includeDirectories = includeDirectories ?? [];
    }

    /// <summary>Preprocesses <paramref name="path"/>; the result lists included files' text before the text that includes them.</summary>
    public IReadOnlyList<SourceText> ProcessFile(string path)
    {
        var sources = new List<SourceText>();
        ProcessFile(Path.GetFullPath(path), sources, new SourceLocation(path, 0, 0));
        return sources;
    }

    public IReadOnlyList<SourceText> ProcessText(string name, string text)
    {
        var sources = new List<SourceText>();
        sources.Add(new SourceText(name, Process(name, text, Path.GetDirectoryName(Path.GetFullPath(name)) ?? ".", sources)));
        return sources;
    }

    private void ProcessFile(string fullPath, List<SourceText> sources, SourceLocation includedFrom)
    {
        if (!File.Exists(fullPath))
        {
            throw new RpcLanguageException(includedFrom, $"cannot open {fullPath}");
        }
        if (!_including.Add(fullPath))
        {
            throw new RpcLanguageException(includedFrom, $"{fullPath} includes itself");
        }
        string text = File.ReadAllText(fullPath);
        string processed = Process(fullPath, text, Path.GetDirectoryName(fullPath)!, sources);
        sources.Add(new SourceText(fullPath, processed));
        _including.Remove(fullPath);
    }

    private string Process(string file, string text, string directory, List<SourceText> sources)
    {
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        var output = new StringBuilder(text.Length);
        // Each entry: is this branch active, has any branch of this #if been taken, is the enclosing block active.
        var conditions = new Stack<(bool Active, bool Taken, bool Outer)>();
        bool inComment = false;
        for (int i = 0; i < lines.Length; i++)
        {
            int first = i;
            string line = lines[i];
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                line = line[..^1] + lines[++i];
            }
            var location = new SourceLocation(file, first + 1, 1);
            bool active = conditions.Count == 0 || conditions.Peek().Active;
            string trimmed = line.TrimStart();
            if (!inComment && trimmed.StartsWith('#'))
            {
                Directive(trimmed[1..].Trim(), location, conditions, active, directory, sources);
                AppendBlankLines(output, i - first + 1);
                continue;
            }
            if (!active || (!inComment && line.StartsWith('%')))
            {
                AppendBlankLines(output, i - first + 1);
                continue;
            }
            inComment = TracksComment(line, inComment);
            output.Append(line).Append('\n');
            AppendBlankLines(output, i - first);
        }
        if (conditions.Count != 0)
        {
            throw new RpcLanguageException(new SourceLocation(file, lines.Length, 1), "#if without #endif");
        }
        return output.ToString();
    }

    private void Directive(string directive, SourceLocation location, Stack<(bool Active, bool Taken, bool Outer)> conditions, bool active, string directory, List<SourceText> sources)
    {
        string name = new(directive.TakeWhile(char.IsLetter).ToArray());
        string rest = StripComment(directive[name.Length..]).Trim();
        switch (name)
        {
            case "ifdef":
            case "ifndef":
            {
                bool defined = _defines.ContainsKey(Identifier(rest, location));
                bool condition = name == "ifdef" ? defined : !defined;
                conditions.Push((active && condition, condition, active));
                return;
            }
            case "if":
            {
                bool condition = active && new ConditionEvaluator(rest, _defines, location).Evaluate() != 0;
                conditions.Push((active && condition, condition, active));
                return;
            }
            case "elif":
            {
                var (_, taken, outer) = Pop(conditions, location, name);
                bool condition = !taken && outer && new ConditionEvaluator(rest, _defines, location).Evaluate() != 0;
                conditions.Push((outer && condition, taken || condition, outer));
                return;
            }
            case "else":
            {
                var (_, taken, outer) = Pop(conditions, location, name);
                conditions.Push((outer && !taken, true, outer));
                return;
            }
            case "endif":
                Pop(conditions, location, name);
                return;
        }
        if (!active)
        {
            return;
        }
        switch (name)
        {
            case "define":
            {
                string identifier = new(rest.TakeWhile(c => char.IsLetterOrDigit(c) || c == '_').ToArray());
                _ = Identifier(identifier, location);
                _defines[identifier] = rest[identifier.Length..].Trim() is { Length: > 0 } value ? value : "1";
                return;
            }
            case "undef":
                _defines.Remove(Identifier(rest, location));
                return;
            case "include":
                ProcessFile(ResolveInclude(rest, directory, location), sources, location);
                return;
            case "pragma":
            case "ident":
            case "":
                return; // "#" alone, or a line marker "# 12 "file"" left by an earlier cpp run
            case "error":
                throw new RpcLanguageException(location, $"#error {rest}");
            default:
                if (char.IsDigit(directive.FirstOrDefault()))
                {
                    return;
                }
                throw new RpcLanguageException(location, $"unknown preprocessor directive #{name}");
        }
    }

    private string ResolveInclude(string argument, string directory, SourceLocation location)
    {
        if (argument.Length < 2 || !((argument[0] == '"' && argument[^1] == '"') || (argument[0] == '<' && argument[^1] == '>')))
        {
            throw new RpcLanguageException(location, $"#include needs \"file\" or <file>, not {argument}");
        }
        string file = argument[1..^1];
        IEnumerable<string> candidates = argument[0] == '"' ? [directory, .. _includeDirectories] : _includeDirectories;
        foreach (string candidate in candidates)
        {
            string path = Path.GetFullPath(Path.Combine(candidate, file));
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new RpcLanguageException(location, $"cannot find included file {file}");
    }

    private static (bool, bool, bool) Pop(Stack<(bool Active, bool Taken, bool Outer)> conditions, SourceLocation location, string directive)
    {
        if (conditions.Count == 0)
        {
            throw new RpcLanguageException(location, $"#{directive} without #if");
        }
        return conditions.Pop();
    }

    private static string Identifier(string text, SourceLocation location)
    {
        if (text.Length == 0 || !(char.IsLetter(text[0]) || text[0] == '_') || !text.All(c => char.IsLetterOrDigit(c) || c == '_'))
        {
            throw new RpcLanguageException(location, $"expected a macro name, found '{text}'");
        }
        return text;
    }

    private static string StripComment(string text)
    {
        int comment = text.IndexOf("/*", StringComparison.Ordinal);
        int lineComment = text.IndexOf("//", StringComparison.Ordinal);
        int cut = comment < 0 ? lineComment : lineComment < 0 ? comment : Math.Min(comment, lineComment);
        return cut < 0 ? text : text[..cut];
    }

    // Whether a block comment is still open at the end of the line, so that a '#' or '%' inside a
    // comment is not mistaken for a directive on the next line.
    private static bool TracksComment(string line, bool inComment)
    {
        for (int i = 0; i < line.Length - 1; i++)
        {
            if (inComment && line[i] == '*' && line[i + 1] == '/')
            {
                inComment = false;
                i++;
            }
            else if (!inComment && line[i] == '/' && line[i + 1] == '*')
            {
                inComment = true;
                i++;
            }
            else if (!inComment && line[i] == '/' && line[i + 1] == '/')
            {
                return false;
            }
        }
        return inComment;
    }

    private static void AppendBlankLines(StringBuilder output, int count) => output.Append('\n', count);
}
