// String-related language features: switch on strings (the compiler hashes with its own
// deterministic function for large switches), string interpolation with alignment and format
// specifiers, custom interpolated string handlers ([InterpolatedStringHandler] with conditional
// evaluation: arguments not evaluated when the handler declines), FormattableString and
// string.Create with InvariantCulture, raw string literals (multi-line, with interpolation and
// braces), UTF-8 literals ("..."u8), verbatim strings, string concatenation of mixed types and
// nulls, const interpolated strings, and char/string escapes. string.Intern is left out: under
// NativeAOT (stock ilc too) it does not return the literal's instance, unlike the JIT.
// Exit status = failed checks.
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

// Large string switch (compiled to a hash jump table).
string[] keywords = ["abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue", "decimal", "default", "zzz", "", "Abstract"];
Check("string switch", string.Join(",", keywords.Select(Classify)), "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,-1,0,-1");
Check("switch on null string", Classify(null), -2);
Check("switch expression on strings", string.Join("", new[] { "red", "green", "blue", "x" }.Select(c => c switch { "red" => 'R', "green" => 'G', "blue" => 'B', _ => '?' })), "RGB?");

// Interpolation with alignment and formats (invariant culture is the only culture).
int n = 42; double d = 3.14159; decimal m = 1234.5m;
Check("alignment", $"[{n,5}][{n,-5}]", "[   42][42   ]");
Check("formats", $"{n:X4} {d:F2} {m:N1} {n:D6} {d:E2}", "002A 3.14 1,234.5 000042 3.14E+000");
Check("alignment + format", $"|{d,8:F3}|", "|   3.142|");
Check("nested braces", $"{{{n}}}", "{42}");
Check("conditional in hole", $"{(n > 40 ? "big" : "small")}", "big");
Check("null in hole", $"a{(string?)null}b{(object?)null}c", "abc");
Check("string.Create invariant", string.Create(CultureInfo.InvariantCulture, $"{d:F1}"), "3.1");
FormattableString fs = $"{n} and {d:F1}";
Check("FormattableString parts", (fs.Format, fs.ArgumentCount, FormattableString.Invariant(fs)), ("{0} and {1:F1}", 2, "42 and 3.1"));
const string Name = "minnow";
const string Greeting = $"hello {Name}";
Check("const interpolated string", Greeting, "hello minnow");
Check("DateTime-free TimeSpan format", $"{TimeSpan.FromSeconds(3725):c}", "01:02:05");
Check("Guid format", $"{Guid.Empty:N}".Length, 32);

// Custom interpolated string handler.
var logger = new Logger { Enabled = false };
int evaluated = 0;
int Expensive() { evaluated++; return 7; }
logger.Log($"value {Expensive()}");
Check("disabled handler skips argument evaluation", (evaluated, logger.Output), (0, ""));
logger.Enabled = true;
logger.Log($"value {Expensive()} and {d:F2} and {"str"}");
Check("enabled handler formats", (evaluated, logger.Output), (1, "value 7 and 3.14 and str"));
Check("handler saw the parts", logger.Parts, "L(6)F(Int32)L(5)F(Double:F2)L(5)S(str)");

// StringBuilder interpolation (AppendInterpolatedStringHandler).
var sb = new StringBuilder();
sb.Append($"{n:X}-{d:F0}").Append('|').AppendLine($"{m}");
Check("StringBuilder.Append interpolated", sb.ToString(), "2A-3|1234.5\n");

// Raw string literals.
var raw = """
    {
      "name": "minnow",
      "quote": "a "quoted" word"
    }
    """;
Check("raw multi-line", raw, "{\n  \"name\": \"minnow\",\n  \"quote\": \"a \"quoted\" word\"\n}");
var rawInterp = $$"""{"n": {{n}}, "literal": "{n}"}""";
Check("raw interpolated with $$", rawInterp, "{\"n\": 42, \"literal\": \"{n}\"}");
Check("verbatim", @"C:\path\""q""" + @"
x", "C:\\path\\\"q\"\nx");
Check("escapes", "\t\u00e9\x41\0end".Length + ":" + (int)"\u00e9"[0], "7:233");

// UTF-8 literals.
ReadOnlySpan<byte> utf8 = "héllo"u8;
Check("u8 literal bytes", (utf8.Length, utf8[1], utf8[2]), (6, (byte)0xC3, (byte)0xA9));
Check("u8 round trip", Encoding.UTF8.GetString("héllo"u8), "héllo");
Check("u8 concatenation", ("ab"u8.ToArray().Length + "cd"u8.Length), 4);

// Concatenation rules.
object? nothing = null;
Check("concat with null and numbers", "a" + nothing + 1 + 2 + 'c' + 1.5 + true, "a12c1.5True");
Check("numbers first add", 1 + 2 + "a", "3a");
Check("char + int is int", ('a' + 1).ToString(), "98");
Check("string.Concat of many", string.Concat("a", "b", "c", "d", "e"), "abcde");
Check("string comparison ordinal", (string.CompareOrdinal("a", "B") > 0, "abc" == "ab" + Opaque("c")), (true, true));
Check("string interning of literals", ReferenceEquals("lit", "lit"), true);
Check("not interned at runtime", ReferenceEquals("lit", "li" + Opaque("t")), false);

Console.WriteLine($"failed {failed}");
return failed;

[MethodImpl(MethodImplOptions.NoInlining)] static string Opaque(string s) => s;

static int Classify(string? s) => s switch
{
    "abstract" => 1, "as" => 2, "base" => 3, "bool" => 4, "break" => 5, "byte" => 6, "case" => 7,
    "catch" => 8, "char" => 9, "checked" => 10, "class" => 11, "const" => 12, "continue" => 13,
    "decimal" => 14, "default" => 15, "" => 0, null => -2, _ => -1,
};

sealed class Logger
{
    public bool Enabled;
    public string Output = "";
    public string Parts = "";
    public void Log([InterpolatedStringHandlerArgument("")] LogHandler handler)
    {
        if (handler.IsEnabled) { Output = handler.ToString(); Parts = handler.Parts; }
    }
}

[InterpolatedStringHandler]
ref struct LogHandler
{
    private readonly StringBuilder? _sb;
    private readonly StringBuilder? _parts;
    public readonly bool IsEnabled;
    public LogHandler(int literalLength, int formattedCount, Logger logger, out bool shouldAppend)
    {
        IsEnabled = shouldAppend = logger.Enabled;
        _sb = IsEnabled ? new StringBuilder(literalLength) : null;
        _parts = IsEnabled ? new StringBuilder() : null;
    }
    public void AppendLiteral(string s) { _sb!.Append(s); _parts!.Append($"L({s.Length})"); }
    public void AppendFormatted<T>(T value) { _sb!.Append(value); _parts!.Append($"F({typeof(T).Name})"); }
    public void AppendFormatted<T>(T value, string format) where T : IFormattable
    {
        _sb!.Append(value.ToString(format, CultureInfo.InvariantCulture));
        _parts!.Append($"F({typeof(T).Name}:{format})");
    }
    public void AppendFormatted(string s) { _sb!.Append(s); _parts!.Append($"S({s})"); }
    public readonly string Parts => _parts?.ToString() ?? "";
    public override readonly string ToString() => _sb?.ToString() ?? "";
}
