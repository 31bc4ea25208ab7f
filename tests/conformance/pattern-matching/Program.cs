// Pattern matching: type patterns with designations, constant/null/not patterns, relational and
// logical patterns (and/or/not, parenthesised), property patterns (nested, extended a.b.c),
// positional patterns (records, tuples, Deconstruct), list patterns (prefix/suffix, slices with
// `..` and sub-patterns, over arrays, List<T>, strings via spans), var patterns, switch
// expressions with when-guards and exhaustive discard arms, switch statements with pattern cases,
// and SwitchExpressionException for a non-exhaustive switch. Exit status = failed checks.
int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

object?[] things = [null, 0, 42, -7, 3.5, "", "hello", 'c', new[] { 1, 2, 3 }, new List<int> { 9 }, new Circle(2), new Rect(3, 4), new Rect(5, 5), DayOfWeek.Sunday, 12L, (1, "t")];
foreach (var t in things)
    Console.WriteLine($"  {Classify(t)}");
Check("classify int", Classify(42), "positive int 42");
Check("classify shape", Classify(new Rect(5, 5)), "square 5");

// Relational and logical.
Check("grades", string.Join(",", new[] { 95, 85, 70, 50, -1, 101 }.Select(Grade)), "A,B,C,F,invalid,invalid");
Check("char classes", string.Join("", "aZ5_ ".Select(CharKind)), "lUd??");
Check("not null pattern", Opaque("x") is not null, true);
Check("or pattern on enum", IsWeekend(DayOfWeek.Saturday) && !IsWeekend(DayOfWeek.Monday), true);
Check("double relational", string.Join(",", new[] { double.NaN, -0.5, 0.0, 0.5, 2.0 }.Select(Band)), "nan,neg,zero,unit,big");

// Property patterns.
var order = new Order(new Customer("Ann", new Address("Oslo", "NO")), 250m, [new Line("pen", 2), new Line("ink", 1)]);
Check("nested property pattern", order is { Customer: { Address: { Country: "NO" } }, Total: > 200m }, true);
Check("extended property pattern", order is { Customer.Address.City: "Oslo" }, true);
Check("property pattern with designation", order is { Customer.Name: var n } ? n : "", "Ann");
Check("property pattern list member", order is { Lines: [{ Item: "pen" }, ..] }, true);
Check("shipping", Shipping(order), "free domestic");
Check("shipping abroad", Shipping(order with { Customer = new Customer("Bo", new Address("Rome", "IT")) }), "paid international");
Check("shipping small", Shipping(order with { Total = 10m }), "paid domestic");

// Positional patterns.
Check("quadrants", string.Join(",", new[] { (1, 1), (-1, 1), (-1, -1), (1, -1), (0, 5), (0, 0) }.Select(Quadrant)), "I,II,III,IV,axis,origin");
Check("record positional", Area(new Rect(2, 3)) + Area(new Circle(1)), 9.0);
Check("positional with type", new Rect(4, 4) is Rect(var w, var h) && w == h, true);
Check("Deconstruct-based positional", new Pt(3, 4) is (3, > 0), true);
Check("tuple switch", Rps("rock", "scissors") + Rps("paper", "scissors") + Rps("rock", "rock"), "winlosedraw");

// List patterns.
Check("list empty", Describe([]), "empty");
Check("list one", Describe([7]), "one: 7");
Check("list two", Describe([1, 2]), "two: 1,2");
Check("list first/last", Describe([1, 5, 6, 9]), "starts 1 ends 9, middle 2");
Check("list starts with 0", Describe([0, 1, 2, 3, 4]), "zero-prefixed, rest 4");
Check("list pattern on List<T>", new List<int> { 1, 2, 3 } is [1, .., 3], true);
Check("list slice sub-pattern", new[] { 1, 2, 3, 4 } is [_, .. [2, 3], _], true);
Check("list slice capture", new[] { 5, 6, 7, 8 } is [_, .. var mid, _] ? string.Join("", mid) : "", "67");
Check("string as list via span", IsPalindrome3("aba") && !IsPalindrome3("abc") && !IsPalindrome3("abba"), true);
Check("list of strings", new[] { "GET", "/index" } is ["GET", var path] ? path : "", "/index");
Check("list with relational", new[] { 10, 20, 30 } is [< 15, >= 20 and <= 20, > 25], true);
Check("list length mismatch", new[] { 1, 2 } is [_, _, _], false);
Check("command parse", string.Join("|", new[] { "add 1 2", "neg 5", "sum 1 2 3 4", "nop", "" }.Select(Run)), "3|-5|10|unknown nop|blank");

// Switch statement with patterns and fallthrough-free arms.
Check("switch statement", string.Join(",", new object[] { 5, "s", 2.5, new int[0], new object() }.Select(SwitchStatement)), "int5,str1,dbl,arr0,other");

// Non-exhaustive switch expression throws SwitchExpressionException.
string unmatched;
try { unmatched = Partial(Opaque(3)); }
catch (Exception e) { unmatched = e.GetType().Name; }
Check("non-exhaustive switch", unmatched, "SwitchExpressionException");

// Pattern on generic T and nullable.
Check("generic T pattern", GenericKind(5) + GenericKind("s") + GenericKind<int?>(null) + GenericKind<int?>(3), "int;string;null;int;");
int? maybe = 4;
Check("nullable is int", maybe is int v4 && v4 == 4, true);
Check("boxed int is not long", Opaque(5) is long, false);

Console.WriteLine($"failed {failed}");
return failed;

static object Opaque(object o) => o;

static string Classify(object? o) => o switch
{
    null => "null",
    0 => "zero",
    int i and > 0 => $"positive int {i}",
    int i => $"negative int {i}",
    double d when d > 3 => $"double over 3: {d}",
    double => "double",
    "" => "empty string",
    string { Length: > 3 } s => $"long string {s}",
    string s => $"short string {s}",
    char c => $"char {c}",
    int[] { Length: 3 } arr => $"int[3] sum {arr.Sum()}",
    List<int> { Count: 1 } l => $"list of one {l[0]}",
    Circle { R: var r } => $"circle {r}",
    Rect(var w, var h) when w == h => $"square {w}",
    Rect r => $"rect {r.W}x{r.H}",
    DayOfWeek.Sunday or DayOfWeek.Saturday => "weekend",
    long l => $"long {l}",
    ValueTuple<int, string> (var a, var b) => $"tuple {a} {b}",
    _ => "other",
};

static string Grade(int score) => score switch
{
    < 0 or > 100 => "invalid",
    >= 90 => "A",
    >= 80 => "B",
    >= 65 => "C",
    _ => "F",
};

static char CharKind(char c) => c switch
{
    >= 'a' and <= 'z' => 'l',
    >= 'A' and <= 'Z' => 'U',
    >= '0' and <= '9' => 'd',
    _ => '?',
};

static bool IsWeekend(DayOfWeek d) => d is DayOfWeek.Saturday or DayOfWeek.Sunday;
static string Band(double d) => d switch { double.NaN => "nan", < 0 => "neg", 0 => "zero", <= 1 => "unit", _ => "big" };

static string Shipping(Order o) => o switch
{
    { Customer.Address.Country: "NO", Total: >= 100m } => "free domestic",
    { Customer.Address.Country: "NO" } => "paid domestic",
    _ => "paid international",
};

static string Quadrant((int, int) p) => p switch
{
    (0, 0) => "origin",
    (0, _) or (_, 0) => "axis",
    ( > 0, > 0) => "I",
    ( < 0, > 0) => "II",
    ( < 0, < 0) => "III",
    _ => "IV",
};

static double Area(Shape s) => s switch
{
    Rect(var w, var h) => w * h,
    Circle(var r) => Math.Round(Math.PI * r * r),
    _ => 0,
};

static string Rps(string a, string b) => (a, b) switch
{
    var (x, y) when x == y => "draw",
    ("rock", "scissors") or ("paper", "rock") or ("scissors", "paper") => "win",
    _ => "lose",
};

static string Describe(int[] items) => items switch
{
    [] => "empty",
    [var one] => $"one: {one}",
    [var a, var b] => $"two: {a},{b}",
    [0, .. var rest] => $"zero-prefixed, rest {rest.Length}",
    [var first, .. var middle, var last] => $"starts {first} ends {last}, middle {middle.Length}",
};

static bool IsPalindrome3(string s) => s.AsSpan() is [var a, _, var c] && a == c;

static string Run(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) switch
{
    ["add", var x, var y] => (int.Parse(x) + int.Parse(y)).ToString(),
    ["neg", var x] => (-int.Parse(x)).ToString(),
    ["sum", .. var xs] => xs.Sum(int.Parse).ToString(),
    [var cmd, ..] => $"unknown {cmd}",
    [] => "blank",
};

static string SwitchStatement(object o)
{
    switch (o)
    {
        case int i when i > 3:
            return "int" + i;
        case int:
            return "small int";
        case string { Length: var len }:
            return "str" + len;
        case double:
        case float:
            return "dbl";
        case Array a:
            return "arr" + a.Length;
        default:
            return "other";
    }
}

#pragma warning disable CS8509 // deliberately non-exhaustive
static string Partial(object o) => o switch { string s => s, int i when i < 0 => "neg" };

static string GenericKind<T>(T value) => value switch
{
    null => "null;",
    int => "int;",
    string => "string;",
    _ => "other;",
};

abstract record Shape;
record Rect(double W, double H) : Shape;
record Circle(double R) : Shape;
record Address(string City, string Country);
record Customer(string Name, Address Address);
record Line(string Item, int Qty);
record Order(Customer Customer, decimal Total, Line[] Lines);
sealed class Pt(int x, int y) { public void Deconstruct(out int a, out int b) { a = x; b = y; } }
