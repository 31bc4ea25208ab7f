// String operations: Split/Join/Replace/IndexOf/Trim/Pad/case mapping/ordinal comparison/Contains/
// StartsWith/string.Create/Concat/Format/interning. These are managed library code over vectorized
// span helpers (SpanHelpers.IndexOf etc. use Vector128/256), so a wrong SIMD path or a bad string
// allocation in the image shows up as a different line. Interning: see the note at the check.
// Exit status = number of failed self-checks.
using System.Text;

int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}
string Show(IEnumerable<string> parts) => "[" + string.Join("|", parts) + "]";

// Split
string csv = "a,b,,c, d ,e,";
Console.WriteLine($"Split: {Show(csv.Split(','))}");
Console.WriteLine($"Split RemoveEmpty: {Show(csv.Split(',', StringSplitOptions.RemoveEmptyEntries))}");
Console.WriteLine($"Split Trim|RemoveEmpty: {Show(csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
Console.WriteLine($"Split count 3: {Show(csv.Split(',', 3))}");
Console.WriteLine($"Split chars: {Show("one two\tthree\nfour".Split(new[] { ' ', '\t', '\n' }))}");
Console.WriteLine($"Split string sep: {Show("a::b:::c::".Split("::"))}");
Console.WriteLine($"Split string[] sep: {Show("x<>y<=>z<>".Split(new[] { "<>", "<=>" }, StringSplitOptions.None))}");
Console.WriteLine($"Split null sep (whitespace): {Show("  lots   of\t space ".Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}");
Check("a,b,,c".Split(',').Length == 4, "split length");

// Join / Concat
Console.WriteLine($"Join: {string.Join(", ", new[] { 1, 2, 3 })}");
Console.WriteLine($"Join char: {string.Join('-', "x", "y", "z")}");
Console.WriteLine($"Join range: {string.Join("+", new[] { "a", "b", "c", "d" }, 1, 2)}");
Console.WriteLine($"Concat: {string.Concat("ab", "cd", "ef", "gh")} {string.Concat(Enumerable.Range(0, 10))}");
Check(string.Join("", Array.Empty<string>()) == "", "empty join");

// Replace
string text = "the quick brown fox jumps over the lazy dog the end";
Console.WriteLine($"Replace str: {text.Replace("the", "THE")}");
Console.WriteLine($"Replace char: {text.Replace(' ', '_')}");
Console.WriteLine($"Replace remove: {text.Replace("the ", "")}");
Console.WriteLine($"Replace ignorecase: {"aAbBaA".Replace("a", "x", StringComparison.OrdinalIgnoreCase)}");
Console.WriteLine($"Replace longer: {"abcabc".Replace("b", "[bbb]")}");
Check(text.Replace("zzz", "y") == text, "no-op replace");

// IndexOf family
string hay = new string('a', 100) + "needle" + new string('b', 50) + "needle" + "tail";
Console.WriteLine($"IndexOf needle: {hay.IndexOf("needle", StringComparison.Ordinal)} last: {hay.LastIndexOf("needle", StringComparison.Ordinal)}");
Console.WriteLine($"IndexOf char: {hay.IndexOf('n')} {hay.IndexOf('b')} {hay.IndexOf('z')} {hay.LastIndexOf('a')}");
Console.WriteLine($"IndexOf from: {hay.IndexOf('n', 107)} {hay.IndexOf("needle", 107, StringComparison.Ordinal)}");
Console.WriteLine($"IndexOfAny: {hay.IndexOfAny(new[] { 'x', 'e', 't' })} LastIndexOfAny: {hay.LastIndexOfAny(new[] { 'n', 'b' })}");
Console.WriteLine($"IndexOf ignorecase: {"Hello World".IndexOf("WORLD", StringComparison.OrdinalIgnoreCase)}");
Console.WriteLine($"IndexOf empty: {"abc".IndexOf("")} {"abc".LastIndexOf("")}");
for (int len = 0; len < 70; len += 7)
{
    // Every alignment and length around vector widths: the match must be found at exactly i.
    var s = new string('.', len) + "#" + new string('.', 3);
    Check(s.IndexOf('#') == len && s.AsSpan().IndexOfAny('#', '!') == len && s.LastIndexOf('#') == len, $"IndexOf at {len}");
}

// Trim / Pad
string padded = "  \t hello world \n ";
Console.WriteLine($"Trim: [{padded.Trim()}] TrimStart: [{padded.TrimStart()}] TrimEnd: [{padded.TrimEnd()}]");
Console.WriteLine($"Trim chars: [{"xxyhixyx".Trim('x', 'y')}] [{"--a--".TrimStart('-')}] [{"--a--".TrimEnd('-')}]");
Console.WriteLine($"PadLeft: [{"42".PadLeft(6)}] [{"42".PadLeft(6, '0')}] PadRight: [{"42".PadRight(6, '.')}] [{"toolong".PadLeft(3)}]");

// Case
Console.WriteLine($"Upper: {"Hello, World! ß ä é 123".ToUpperInvariant()}");
Console.WriteLine($"Lower: {"HELLO, WORLD! Ä É Σ".ToLowerInvariant()}");
Console.WriteLine($"Upper/Lower (culture, invariant mode): {"MiXeD".ToUpper()} {"MiXeD".ToLower()}");

// Comparison
string[] words = { "banana", "Apple", "apple", "cherry", "Banana", "apple2", "", "a", "B" };
var ordinal = words.ToArray(); Array.Sort(ordinal, StringComparer.Ordinal);
var ordinalIc = words.ToArray(); Array.Sort(ordinalIc, (x, y) => { int c = StringComparer.OrdinalIgnoreCase.Compare(x, y); return c != 0 ? c : string.CompareOrdinal(x, y); });
Console.WriteLine($"Sort ordinal: {Show(ordinal)}");
Console.WriteLine($"Sort ordinal ignore case: {Show(ordinalIc)}");
Console.WriteLine($"CompareOrdinal signs: {Math.Sign(string.CompareOrdinal("a", "b"))} {Math.Sign(string.CompareOrdinal("b", "a"))} {string.CompareOrdinal("x", "x")} {Math.Sign(string.CompareOrdinal("ab", "abc"))}");
Console.WriteLine($"Compare invariant signs: {Math.Sign(string.Compare("apple", "Apple", StringComparison.InvariantCulture))} {Math.Sign(string.Compare("a", "B", StringComparison.InvariantCultureIgnoreCase))}");
Console.WriteLine($"Equals ignore case: {string.Equals("HeLLo", "hello", StringComparison.OrdinalIgnoreCase)} {"abc".Equals("ABC")}");
Check(string.CompareOrdinal("a", "b") < 0, "ordinal a<b");

// Contains / StartsWith / EndsWith
Console.WriteLine($"Contains: {text.Contains("fox")} {text.Contains("cat")} {text.Contains('z')} {text.Contains("FOX", StringComparison.OrdinalIgnoreCase)}");
Console.WriteLine($"StartsWith: {text.StartsWith("the")} {text.StartsWith("The")} {text.StartsWith("THE", StringComparison.OrdinalIgnoreCase)} {text.StartsWith('t')}");
Console.WriteLine($"EndsWith: {text.EndsWith("end")} {text.EndsWith('d')} {text.EndsWith("END", StringComparison.Ordinal)}");

// Substring / Insert / Remove / Reverse
Console.WriteLine($"Substring: {text.Substring(4, 5)} {text[^3..]} {text[10..15]}");
Console.WriteLine($"Insert/Remove: {"abcdef".Insert(3, "XYZ")} {"abcdef".Remove(2, 2)} {"abcdef".Remove(4)}");
Console.WriteLine($"Reverse: {new string("stressed".Reverse().ToArray())}");

// string.Create / ctor / Format
string created = string.Create(10, 'A', (span, start) => { for (int i = 0; i < span.Length; i++) span[i] = (char)(start + i); });
Console.WriteLine($"string.Create: {created}");
Console.WriteLine($"new string: {new string('*', 5)} {new string(new[] { 'h', 'i' })} {new string("abcdef".AsSpan(2, 3))}");
Console.WriteLine(string.Format("Format: {0} + {1} = {2}; {0,5}|{1,-5}|{{braces}}", 2, 3, 2 + 3));
Console.WriteLine($"Interpolation: {"left",-8}|{"right",8}|{12,5}|{3.5,-6}|");

// Interning and reference equality
string lit = "interned-literal";
string built = new StringBuilder("interned-").Append("literal").ToString();
// Not printed: whether string.Intern(built) is the literal itself. It is under the JIT, but NativeAOT
// (host publish too) keeps literals as frozen objects outside the intern table, so it returns another copy.
string interned = string.Intern(built);
Console.WriteLine($"equal: {lit == built} same ref: {ReferenceEquals(lit, built)} interned equal: {interned == lit} IsInterned: {string.IsInterned(built) != null}");
Check(ReferenceEquals(string.Intern(new StringBuilder("interned-literal").ToString()), interned), "intern is stable");
Check(ReferenceEquals(string.Empty, ""), "string.Empty is the empty literal");
string novel = new string('q', 3) + "unique-" + 12345;
Check(ReferenceEquals(string.Intern(novel), string.Intern(new string(novel.ToCharArray()))), "intern of runtime string");

// Equality / GetHashCode consistency (values not printed: randomized per process)
Check("abc".GetHashCode() == new string("abc".ToCharArray()).GetHashCode(), "equal strings hash equal");
Check(StringComparer.OrdinalIgnoreCase.GetHashCode("HeLLo") == StringComparer.OrdinalIgnoreCase.GetHashCode("hello"), "ignore-case hash");

// Char classification
string mixed = "aZ9 _\t\n!é€😀";
var classes = new StringBuilder();
foreach (char c in mixed)
    classes.Append($"{(int)c:X4}:{(char.IsLetter(c) ? "L" : "")}{(char.IsDigit(c) ? "D" : "")}{(char.IsWhiteSpace(c) ? "W" : "")}{(char.IsPunctuation(c) ? "P" : "")}{(char.IsSurrogate(c) ? "S" : "")}{(char.IsUpper(c) ? "U" : "")} ");
Console.WriteLine($"char classes: {classes.ToString().TrimEnd()}");

// Large strings
string big = string.Concat(Enumerable.Repeat("0123456789", 10000));
Console.WriteLine($"big: length {big.Length} count of '7' {big.Count(c => c == '7')} last index of 0123 {big.LastIndexOf("0123", StringComparison.Ordinal)}");
Check(big.Replace("5", "").Length == 90000, "big replace");
Check(big.ToUpperInvariant() == big, "digits upper unchanged");

Console.WriteLine($"failures: {failures}");
return failures;
