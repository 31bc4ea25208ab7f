// StringBuilder: Append overloads (bool, char, char repeat, numbers, spans, objects, interpolated
// handlers), Insert, Remove, Replace (whole and ranged), AppendFormat with alignment, AppendJoin,
// indexer reads and writes, Capacity/Length changes, large builders made of many chunks (the
// builder is a linked list of chunks; Insert/Remove/Replace across chunk boundaries and
// GetChunks()), CopyTo and ToString(start, length). Exit status = number of failed self-checks.
using System.Globalization;
using System.Text;

int failures = 0;
void Check(bool ok, string what)
{
    if (!ok) { failures++; Console.WriteLine($"FAIL: {what}"); }
}
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var sb = new StringBuilder();
sb.Append(true).Append(' ').Append('x', 3).Append(' ').Append(42).Append(' ').Append(-7L).Append(' ').Append(3.25).Append(' ')
  .Append(1.5f).Append(' ').Append(12.50m).Append(' ').Append((byte)255).Append(' ').Append(ulong.MaxValue).Append(' ')
  .Append(new[] { 'a', 'b', 'c' }).Append(' ').Append("hello world", 6, 5).Append(' ').Append((object)DayOfWeek.Monday)
  .Append(' ').Append("span".AsSpan()).Append(' ').Append(new StringBuilder("inner")).Append(' ').Append((string?)null).Append('|');
Console.WriteLine($"Append: {sb}");
sb.Clear();
int n = 5; double d = 2.0 / 3;
sb.Append($"interp n={n,4} d={d:F3} hex={255:X4}|");
sb.AppendLine().AppendLine("line2").AppendFormat("{0,-6}|{1,6}|{2:N1}|{{}}", "ab", "cd", 1234.56).AppendLine();
sb.AppendJoin(", ", new[] { 1, 2, 3 }).Append(" / ").AppendJoin('-', "x", "y", "z");
Console.WriteLine($"Format/Join:\n{sb}");

// Insert / Remove / Replace
var e = new StringBuilder("0123456789");
e.Insert(0, "<").Insert(e.Length, ">").Insert(5, 3.5).Insert(3, "ab", 3).Insert(1, true);
Console.WriteLine($"Insert: {e}");
e.Remove(0, 5).Remove(e.Length - 2, 2);
Console.WriteLine($"Remove: {e}");
e.Replace("ab", "AB").Replace('5', '%').Replace("3.", "three.", 0, e.Length);
Console.WriteLine($"Replace: {e}");
e.Replace('A', '@', 0, 8);
Console.WriteLine($"Replace ranged: {e}");
e[0] = '#';
Console.WriteLine($"indexer: {e} [{e[0]}{e[e.Length - 1]}] len={e.Length}");
e.Length = 4; Console.WriteLine($"truncate: {e}|");
e.Length = 8; Console.WriteLine($"extend: {e.ToString().Replace('\0', '0')}|");
Check(e.ToString(1, 2) == e.ToString().Substring(1, 2), "ToString range");
Check(new StringBuilder("abc").Equals(new StringBuilder("abc")), "Equals");
Check(new StringBuilder(16, 32).MaxCapacity == 32, "MaxCapacity");
try { new StringBuilder(4, 8).Append("123456789"); Console.WriteLine("no exception"); }
catch (ArgumentOutOfRangeException) { Console.WriteLine("over MaxCapacity: ArgumentOutOfRangeException"); }

// Large builder, many chunks
var big = new StringBuilder();
for (int i = 0; i < 20000; i++)
    big.Append(i % 10);
int chunks = 0, chunkChars = 0;
foreach (var chunk in big.GetChunks()) { chunks++; chunkChars += chunk.Length; }
Console.WriteLine($"big: length {big.Length}, chunks>1 {chunks > 1}, chunk chars {chunkChars}");
Check(chunkChars == big.Length, "chunk total");
big.Insert(10000, "<MIDDLE>");
big.Remove(50, 7000);
big.Replace("0123", "[]");
string bigS = big.ToString();
long sum = 0;
foreach (char c in bigS) sum = sum * 31 + c;
Console.WriteLine($"big after edits: length {big.Length} checksum {sum} middle at {bigS.IndexOf("<MIDDLE>", StringComparison.Ordinal)} tail {bigS[^20..]}");
Check(big.ToString(100, 50) == bigS.Substring(100, 50), "range across chunks");
char[] dest = new char[30];
big.CopyTo(2990, dest, 0, 30);
Console.WriteLine($"CopyTo: {new string(dest)}");
Check(new string(dest) == bigS.Substring(2990, 30), "CopyTo matches");
int scan = 0;
for (int i = 0; i < big.Length; i += 997) scan += big[i];
Console.WriteLine($"indexed scan: {scan}");

// Building up and tearing down repeatedly
var churn = new StringBuilder();
for (int round = 0; round < 200; round++)
{
    churn.Append("round ").Append(round).Append(';');
    if (churn.Length > 500) churn.Remove(0, 250);
}
Console.WriteLine($"churn: {churn.Length} {churn.ToString(0, 40)}");

// Equality with span, AppendLine, Capacity growth
var cap = new StringBuilder(1);
for (int i = 0; i < 100; i++) cap.Append('z');
Check(cap.Capacity >= 100 && cap.Length == 100, "capacity grows");
Check(cap.Equals("z".PadRight(100, 'z').AsSpan()), "Equals span");
cap.EnsureCapacity(5000);
Check(cap.Capacity >= 5000, "EnsureCapacity");

Console.WriteLine($"failures: {failures}");
return failures;
