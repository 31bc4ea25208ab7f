using System.Globalization;

namespace Minnow.Rpc.Gen.Syntax;

/// <summary>
/// Evaluates a cpp <c>#if</c> expression: integers, macro names (an undefined name is 0, as in cpp),
/// <c>defined NAME</c>, and C's unary, arithmetic, comparison and logical operators.
/// </summary>
internal sealed class ConditionEvaluator
{
    private static readonly string[][] s_precedence =
    [
        ["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<=", ">=", "<", ">"], ["<<", ">>"], ["+", "-"], ["*", "/", "%"],
    ];

    private readonly string _text;
    private readonly IReadOnlyDictionary<string, string> _defines;
    private readonly SourceLocation _location;
    private readonly int _depth;
    private int _position;

    public ConditionEvaluator(string text, IReadOnlyDictionary<string, string> defines, SourceLocation location, int depth = 0)
    {
        _text = text;
        _defines = defines;
        _location = location;
        _depth = depth;
    }

    public long Evaluate()
    {
        if (_depth > 32)
        {
            throw new RpcLanguageException(_location, "macros in #if expand recursively");
        }
        long value = Binary(0);
        SkipSpace();
        if (_position != _text.Length)
        {
            throw Error($"unexpected '{_text[_position..]}' in #if expression");
        }
        return value;
    }

    private long Binary(int level)
    {
        if (level == s_precedence.Length)
        {
            return Unary();
        }
        long left = Binary(level + 1);
        while (true)
        {
            SkipSpace();
            string? op = s_precedence[level].FirstOrDefault(o => _text.AsSpan(_position).StartsWith(o) && !IsLongerOperator(o));
            if (op is null)
            {
                return left;
            }
            _position += op.Length;
            long right = Binary(level + 1);
            left = op switch
            {
                "||" => (left != 0 || right != 0) ? 1 : 0,
                "&&" => (left != 0 && right != 0) ? 1 : 0,
                "|" => left | right,
                "^" => left ^ right,
                "&" => left & right,
                "==" => left == right ? 1 : 0,
                "!=" => left != right ? 1 : 0,
                "<=" => left <= right ? 1 : 0,
                ">=" => left >= right ? 1 : 0,
                "<" => left < right ? 1 : 0,
                ">" => left > right ? 1 : 0,
                "<<" => left << (int)right,
                ">>" => left >> (int)right,
                "+" => left + right,
                "-" => left - right,
                "*" => left * right,
                "/" or "%" when right == 0 => throw Error("division by zero in #if expression"),
                "/" => left / right,
                _ => left % right,
            };
        }
    }

    // "|" must not match the start of "||", "<" not "<<" or "<=", and so on.
    private bool IsLongerOperator(string op)
    {
        int next = _position + op.Length;
        if (op.Length != 1 || next >= _text.Length)
        {
            return false;
        }
        char c = _text[next];
        return (op[0] is '|' or '&' && c == op[0]) || (op[0] is '<' or '>' && (c == op[0] || c == '='));
    }

    private long Unary()
    {
        SkipSpace();
        if (_position >= _text.Length)
        {
            throw Error("the #if expression ends early");
        }
        char c = _text[_position];
        switch (c)
        {
            case '!':
                _position++;
                return Unary() == 0 ? 1 : 0;
            case '-':
                _position++;
                return -Unary();
            case '+':
                _position++;
                return Unary();
            case '~':
                _position++;
                return ~Unary();
            case '(':
            {
                _position++;
                long value = Binary(0);
                Expect(')');
                return value;
            }
        }
        if (char.IsDigit(c))
        {
            return Number();
        }
        if (char.IsLetter(c) || c == '_')
        {
            string name = Name();
            if (name == "defined")
            {
                SkipSpace();
                bool parenthesised = _position < _text.Length && _text[_position] == '(';
                if (parenthesised)
                {
                    _position++;
                    SkipSpace();
                }
                string macro = Name();
                if (parenthesised)
                {
                    Expect(')');
                }
                return _defines.ContainsKey(macro) ? 1 : 0;
            }
            return _defines.TryGetValue(name, out string? value)
                ? new ConditionEvaluator(value, _defines, _location, _depth + 1).Evaluate()
                : 0;
        }
        throw Error($"unexpected '{c}' in #if expression");
    }

    private long Number()
    {
        int start = _position;
        while (_position < _text.Length && char.IsLetterOrDigit(_text[_position]))
        {
            _position++;
        }
        string digits = _text[start.._position].TrimEnd('u', 'U', 'l', 'L');
        bool ok = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long value)
            : long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok ? value : throw Error($"bad number '{_text[start.._position]}' in #if expression");
    }

    private string Name()
    {
        int start = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }
        return start == _position ? throw Error("expected a name in #if expression") : _text[start.._position];
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (_position >= _text.Length || _text[_position] != c)
        {
            throw Error($"expected '{c}' in #if expression");
        }
        _position++;
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private RpcLanguageException Error(string message) => new(_location, message);
}
