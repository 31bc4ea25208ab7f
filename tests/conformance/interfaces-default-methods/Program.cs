// Default interface methods: defaults used when a class does not implement the member, overridden
// by a class, by a derived interface (explicit override `void IBase.M()`), diamond inheritance
// resolved by a most-specific explicit override, defaults calling other (abstract) members,
// static and private interface members, default properties, defaults reached from structs through
// boxing and through constrained generic calls, and `base(IFace)`-style chaining by casting.
// Exit status = failed checks.
int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

IGreeter plain = new Plain();
IGreeter custom = new Custom();
Check("default used", plain.Greet("ann"), "Hello, ann!");
Check("class override", custom.Greet("bob"), "Yo bob");
Check("default calls abstract member", plain.Shout("x"), "HELLO, X!");
Check("default calls overridden member", custom.Shout("y"), "YO Y");
Check("default property", plain.Punctuation, "!");
Check("static interface member", IGreeter.Count, 0);
IGreeter.Count = 5;
Check("static interface field set", IGreeter.Count, 5);

// Derived interface overrides the base default explicitly.
IGreeter formal = new FormalImpl();
Check("derived interface override via base", formal.Greet("carol"), "Good day, carol.");
Check("derived interface override via derived", ((IFormal)formal).Greet("dan"), "Good day, dan.");

// Diamond: IA default, IB and IC both override, ID resolves explicitly.
IA diamond = new DiamondImpl();
Check("diamond resolved by ID", diamond.Who(), "D(B+C)");
Check("diamond via IB", ((IB)diamond).Who(), "D(B+C)");
Check("diamond via IC", ((IC)diamond).Who(), "D(B+C)");
IA onlyB = new OnlyB();
Check("single override path", onlyB.Who(), "B");
IA classWins = new ClassOverDiamond();
Check("class implementation beats interface defaults", classWins.Who(), "class");

// Struct implementing an interface with defaults: via boxing and via constrained call.
var counter = new StructCounter { Value = 4 };
ICounter boxed = counter;
Check("default through boxed struct", boxed.Twice(), 8);
Check("default through constrained generic", TwiceOf(counter), 8);
Check("overridden default in struct", DescribeOf(counter), "struct 4");

// Private default helper and a default calling a static one.
IFormatter f = new Formatter();
Check("private helper in default", f.Format(42), "[42]");
Check("static helper", IFormatter.Wrap("z"), "[z]");

// Generic interface with default method.
IContainer<int> ints = new IntBag([3, 1, 2]);
IContainer<string> strs = new StrBag(["b", "a"]);
Check("generic default over int", ints.Describe(), "3 items, first 3");
Check("generic default over string", strs.Describe(), "2 items, first b");
Check("generic default method with type parameter", ints.MapFirst(x => x * 10), "30");

// A default that is virtual in the interface and overridden in a grandchild interface.
ILevel lvl = new LevelImpl();
Check("grandchild interface override", lvl.Level(), 3);
Check("non-overridden default on same object", lvl.Name(), "level");

Console.WriteLine($"failed {failed}");
return failed;

static int TwiceOf<T>(T value) where T : ICounter => value.Twice();
static string DescribeOf<T>(T value) where T : ICounter => value.Describe();

interface IGreeter
{
    static int Count;
    string Prefix { get; }
    string Punctuation => "!";
    string Greet(string name) => $"{Prefix}, {name}{Punctuation}";
    string Shout(string name) => Greet(name).ToUpperInvariant();
}

class Plain : IGreeter { public string Prefix => "Hello"; }
class Custom : IGreeter
{
    public string Prefix => "Yo";
    public string Greet(string name) => $"Yo {name}";
}

interface IFormal : IGreeter
{
    string IGreeter.Greet(string name) => $"Good day, {name}.";
}
class FormalImpl : IFormal { public string Prefix => "unused"; }

interface IA { string Who() => "A"; }
interface IB : IA { string IA.Who() => "B"; }
interface IC : IA { string IA.Who() => "C"; }
interface ID : IB, IC { string IA.Who() => "D(B+C)"; }
class DiamondImpl : ID { }
class OnlyB : IB { }
class ClassOverDiamond : IB, IC { public string Who() => "class"; }

interface ICounter
{
    int Value { get; }
    int Twice() => Value * 2;
    string Describe() => "default";
}
struct StructCounter : ICounter
{
    public int Value { get; set; }
    public string Describe() => $"struct {Value}";
}

interface IFormatter
{
    string Format(int x) => Wrap(Render(x));
    private string Render(int x) => x.ToString();
    static string Wrap(string s) => "[" + s + "]";
}
class Formatter : IFormatter { }

interface IContainer<T>
{
    IReadOnlyList<T> Items { get; }
    string Describe() => $"{Items.Count} items, first {Items[0]}";
    string MapFirst<U>(Func<T, U> map) => map(Items[0])!.ToString()!;
}
class IntBag(int[] items) : IContainer<int> { public IReadOnlyList<int> Items => items; }
class StrBag(string[] items) : IContainer<string> { public IReadOnlyList<string> Items => items; }

interface ILevel { int Level() => 1; string Name() => "level"; }
interface ILevel2 : ILevel { int ILevel.Level() => 2; }
interface ILevel3 : ILevel2 { int ILevel.Level() => 3; }
class LevelImpl : ILevel3 { }
