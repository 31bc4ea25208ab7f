// Text encodings: UTF-8/UTF-16 (LE/BE)/UTF-32/ASCII/Latin1 GetBytes/GetString/GetByteCount/
// GetCharCount, invalid sequences replaced with U+FFFD (or '?') and the throwing variants, BOMs
// (preamble), Decoder state across split multi-byte sequences, Rune enumeration and properties,
// Utf8 transcoding status codes, Base64 (standard and URL-safe, with invalid input), hex
// (Convert.ToHexString/FromHexString). Vectorized ASCII/UTF-8 fast paths run for long inputs.
// Output bytes are printed as hex so the console's own encoding is not under test.
// Exit status = number of failed self-checks.
using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}
string Hex(ReadOnlySpan<byte> b) => Convert.ToHexString(b);
string Cps(string s) => string.Join(" ", s.EnumerateRunes().Select(r => "U+" + r.Value.ToString("X4")));

string sample = "Aé€😀\u0000z\u00FF\u4E2D";
var encodings = new (string Name, Encoding E)[]
{
    ("UTF8", Encoding.UTF8), ("UTF8-noBOM", new UTF8Encoding(false)), ("Unicode", Encoding.Unicode), ("BigEndianUnicode", Encoding.BigEndianUnicode),
    ("UTF32", Encoding.UTF32), ("UTF32BE", new UTF32Encoding(true, true)), ("ASCII", Encoding.ASCII), ("Latin1", Encoding.Latin1),
};
foreach (var (name, e) in encodings)
{
    byte[] bytes = e.GetBytes(sample);
    string back = e.GetString(bytes);
    Console.WriteLine($"{name}: {e.WebName} cp {e.CodePage} single-byte {e.IsSingleByte} bytes {Hex(bytes)} count {e.GetByteCount(sample)} chars {e.GetCharCount(bytes)} back {Cps(back)} preamble {Hex(e.Preamble)} max {e.GetMaxByteCount(10)}/{e.GetMaxCharCount(10)}");
}

// Invalid input
byte[][] badUtf8 =
{
    new byte[] { 0x41, 0x80, 0x42 }, new byte[] { 0xC3 }, new byte[] { 0xE2, 0x82 }, new byte[] { 0xF0, 0x9F, 0x98 }, new byte[] { 0xC0, 0xAF },
    new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xFF, 0xFE, 0x41 }, new byte[] { 0xE2, 0x28, 0xA1 },
};
foreach (var b in badUtf8)
{
    string s = Encoding.UTF8.GetString(b);
    string thrown;
    try { new UTF8Encoding(false, true).GetString(b); thrown = "no exception"; }
    catch (DecoderFallbackException ex) { thrown = $"DecoderFallbackException at {ex.Index}"; }
    Console.WriteLine($"bad UTF-8 {Hex(b)}: {Cps(s)} | strict: {thrown} | IsValid {Utf8.IsValid(b)}");
}
string loneSurrogates = "a\uD800b\uDC00c\uDBFF";
Console.WriteLine($"lone surrogates -> UTF8 {Hex(Encoding.UTF8.GetBytes(loneSurrogates))} UTF32 {Hex(Encoding.UTF32.GetBytes(loneSurrogates))}");
Console.WriteLine($"non-ASCII -> ASCII {Hex(Encoding.ASCII.GetBytes("héllo€"))} Latin1 {Hex(Encoding.Latin1.GetBytes("héllo€"))} ASCII decode {Cps(Encoding.ASCII.GetString(new byte[] { 0x41, 0xC8, 0x7F }))}");
try { Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetBytes("é"); }
catch (EncoderFallbackException ex) { Console.WriteLine($"strict ASCII: EncoderFallbackException char U+{(int)ex.CharUnknown:X4} index {ex.Index}"); }
var custom = Encoding.GetEncoding("us-ascii", new EncoderReplacementFallback("[?]"), new DecoderReplacementFallback("<bad>"));
Console.WriteLine($"custom fallbacks: {Hex(custom.GetBytes("aé"))} {custom.GetString(new byte[] { 0x61, 0xE9 })}");
Console.WriteLine($"GetEncoding by name: {string.Join(" ", new[] { "utf-8", "utf-16", "utf-16BE", "utf-32", "us-ascii", "iso-8859-1", "latin1" }.Select(n => Encoding.GetEncoding(n).CodePage))}");

// Decoder state across chunks
var decoder = Encoding.UTF8.GetDecoder();
byte[] emoji = Encoding.UTF8.GetBytes("x😀y€");
var sbd = new StringBuilder();
char[] cbuf = new char[8];
foreach (var chunk in emoji.Chunk(1))
{
    int n = decoder.GetChars(chunk, 0, chunk.Length, cbuf, 0, flush: false);
    sbd.Append(cbuf, 0, n).Append('|');
}
Console.WriteLine($"decoder byte at a time: {sbd.ToString().Replace("\uD83D", "<hi>").Replace("\uDE00", "<lo>")}");
var encoder = Encoding.UTF8.GetEncoder();
byte[] ebuf = new byte[8];
int e1 = encoder.GetBytes(new[] { '\uD83D' }, 0, 1, ebuf, 0, flush: false);
int e2 = encoder.GetBytes(new[] { '\uDE00' }, 0, 1, ebuf, e1, flush: true);
Console.WriteLine($"encoder split surrogate: {e1} then {e2} -> {Hex(ebuf.AsSpan(0, e1 + e2))}");

// Runes
string text = "aß€😀\U0001F600\u0301Z";
foreach (Rune r in text.EnumerateRunes())
    Console.WriteLine($"rune U+{r.Value:X4} utf8 {r.Utf8SequenceLength} utf16 {r.Utf16SequenceLength} bmp {r.IsBmp} letter {Rune.IsLetter(r)} cat {Rune.GetUnicodeCategory(r)} upper U+{Rune.ToUpperInvariant(r).Value:X4} numeric {Rune.GetNumericValue(r)}");
Check(Rune.TryCreate('\uD83D', '\uDE00', out var pair) && pair.Value == 0x1F600, "surrogate pair rune");
Check(!Rune.IsValid(0xD800) && Rune.IsValid(0x10FFFF) && !Rune.IsValid(0x110000), "rune validity");
Span<byte> rb = stackalloc byte[4];
Check(new Rune(0x1F600).TryEncodeToUtf8(rb, out int rw) && rw == 4 && Hex(rb) == "F09F9880", "rune encode");
Console.WriteLine($"DecodeFromUtf8: {Rune.DecodeFromUtf8(new byte[] { 0xE2, 0x82, 0xAC }, out var dr, out int dc)} {dr.Value:X} {dc}; invalid {Rune.DecodeFromUtf8(new byte[] { 0xE2, 0x82 }, out var dr2, out int dc2)} {dr2.Value:X} {dc2}");
Console.WriteLine($"string info: length {text.Length} runes {text.EnumerateRunes().Count()} text elements {new System.Globalization.StringInfo(text).LengthInTextElements}");

// Utf8 transcoding statuses
Span<char> cdest = stackalloc char[4];
var st1 = Utf8.ToUtf16("héllo wörld"u8, cdest, out int read1, out int written1);
var st2 = Utf8.ToUtf16(new byte[] { 0x61, 0xFF, 0x62 }, cdest, out int read2, out int written2, replaceInvalidSequences: false);
var st3 = Utf8.FromUtf16("a😀".AsSpan(0, 2), new byte[8], out int read3, out int written3, isFinalBlock: false);
Console.WriteLine($"Utf8 status: {st1} {read1}/{written1}; {st2} {read2}/{written2}; {st3} {read3}/{written3}");

// Long inputs (vectorized paths)
string longAscii = string.Concat(Enumerable.Range(0, 5000).Select(i => (char)(32 + i % 95)));
string longMixed = string.Concat(Enumerable.Range(0, 3000).Select(i => i % 50 == 0 ? "é😀" : ((char)('a' + i % 26)).ToString()));
foreach (var s in new[] { longAscii, longMixed })
{
    byte[] u8 = Encoding.UTF8.GetBytes(s);
    byte[] u16 = Encoding.Unicode.GetBytes(s);
    ulong h = 14695981039346656037; foreach (byte b in u8) h = (h ^ b) * 1099511628211;
    Console.WriteLine($"long: chars {s.Length} utf8 {u8.Length} utf16 {u16.Length} hash {h:X16} ascii? {Ascii.IsValid(s)}");
    Check(Encoding.UTF8.GetString(u8) == s && Encoding.Unicode.GetString(u16) == s, "long round-trip");
}
Check(Ascii.Equals("Hello", "Hello"u8.ToArray().Select(b => (char)b).ToArray()) && Ascii.EqualsIgnoreCase("HeLLo"u8, "hello"u8), "Ascii helpers");
byte[] lower = new byte[5]; Ascii.ToLower("HELLO"u8, lower, out _);
Console.WriteLine($"Ascii.ToLower: {Hex(lower)} trim {Ascii.Trim("  x  ")}");

// Base64 and hex
byte[] payload = Enumerable.Range(0, 40).Select(i => (byte)(i * 37 + 250)).ToArray();
foreach (int len in new[] { 0, 1, 2, 3, 4, 5, 39, 40 })
{
    string b64 = Convert.ToBase64String(payload, 0, len);
    Check(Convert.FromBase64String(b64).AsSpan().SequenceEqual(payload.AsSpan(0, len)), $"base64 round-trip {len}");
    Console.WriteLine($"base64[{len}]: {b64} url {Base64Url.EncodeToString(payload.AsSpan(0, len))}");
}
Console.WriteLine($"base64 line breaks: {Convert.ToBase64String(new byte[60], Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\\r\\n")}");
foreach (var bad in new[] { "abc", "ab=c", "a===", "!!!!", "YWJj ZA==", "YWJjZA" })
{
    string r;
    try { r = Hex(Convert.FromBase64String(bad)); } catch (FormatException) { r = "FormatException"; }
    Console.WriteLine($"FromBase64String [{bad}]: {r}");
}
Span<byte> utf8b64 = new byte[16];
var bst = Base64.EncodeToUtf8("hi!"u8, utf8b64, out int bc, out int bw);
Console.WriteLine($"Base64.EncodeToUtf8: {bst} {bc} {bw} {Encoding.ASCII.GetString(utf8b64[..bw])} decode {Base64.DecodeFromUtf8("aGkh"u8, new byte[8], out _, out int dw)} {dw}");
Console.WriteLine($"hex: {Convert.ToHexString(payload, 0, 8)} lower {Convert.ToHexStringLower(payload.AsSpan(0, 4))} from {Hex(Convert.FromHexString("DEADbeef00"))}");
try { Convert.FromHexString("ABC"); } catch (FormatException) { Console.WriteLine("odd hex: FormatException"); }
Console.WriteLine($"failures: {failures}");
return failures;
