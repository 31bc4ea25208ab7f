// Static constructors with precise (not beforefieldinit) semantics: every type here has an
// explicit static constructor, so it runs exactly at the first static member access or instance
// creation, never earlier (beforefieldinit types are avoided: their timing legitimately differs
// between the JIT and AOT). Checked: the order of triggers; const and typeof() not triggering;
// field initialisers running in textual order before the constructor body; a derived type's
// constructor not running the base type's; cyclic initialisation (seeing default values);
// generic types initialising once per instantiation; an exception in a static constructor
// surfacing as TypeInitializationException on every later access; concurrent first access running
// it once. Exit status = failed checks.
int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}
string Log() { var s = string.Join(",", Trace.Events); Trace.Events.Clear(); return s; }

Trace.Events.Clear();
Check("nothing ran yet", Log(), "");
Check("const does not trigger", First.Constant, 42);
Check("typeof does not trigger", typeof(First).Name, "First");
Check("still nothing", Log(), "");

Check("static field read triggers", First.Value, 3);
Check("initialisers then body, in order", Log(), "First.a,First.b,First.cctor");
Check("second access does not rerun", (First.Value, Log()), (3, ""));

var s = new Second();
Check("instance creation triggers cctor before ctor", Log(), "Second.cctor,Second.ctor");
Second.Touch();
Check("static method after init", Log(), "Second.Touch");

Check("static method call triggers", Third.Get(), "third");
Check("log", Log(), "Third.cctor,Third.Get");

// Derived static access: accessing a static on Derived runs only Derived's cctor.
Check("derived static", DerivedT.DerivedValue, 2);
Check("only derived cctor", Log(), "DerivedT.cctor");
Check("base static", BaseT.BaseValue, 1);
Check("then base cctor", Log(), "BaseT.cctor");
_ = new DerivedT2();
Check("creating derived instance: derived cctor, then base cctor (from base ctor chain)", Log(), "DerivedT2.cctor,BaseT2.cctor,BaseT2.ctor,DerivedT2.ctor");

// Cycle: CycleA's cctor reads CycleB.Y, whose cctor reads CycleA.X (still default).
Check("cycle A.X", CycleA.X, 10);
Check("cycle B saw default A.X", CycleB.SeenAX, 0);
Check("cycle order", Log(), "CycleA.start,CycleB.cctor,CycleA.end");

// Generic types: once per instantiation.
_ = Gen<int>.Name; _ = Gen<string>.Name; _ = Gen<int>.Name; _ = Gen<List<int>>.Name; _ = Gen<string>.Name;
Check("generic cctor per instantiation", Log(), "Gen<Int32>,Gen<String>,Gen<List`1>");
Check("generic static values", Gen<string>.Name + "/" + Gen<int>.Name, "String/Int32");

// Failing static constructor.
for (int attempt = 1; attempt <= 3; attempt++)
{
    try
    {
        Console.WriteLine($"  value {Broken.Value}");
        Check("broken type read succeeded", true, false);
    }
    catch (TypeInitializationException e)
    {
        Console.WriteLine($"  attempt {attempt}: {e.GetType().Name}, inner {e.InnerException?.GetType().Name}: {e.InnerException?.Message}");
        Check($"attempt {attempt} inner exception", e.InnerException is InvalidOperationException, true);
    }
}
Check("broken cctor ran once", Log(), "Broken.cctor");
try { Broken.Method(); Check("broken method call succeeded", true, false); }
catch (TypeInitializationException e) { Check("method on broken type also throws", e.InnerException?.Message, "broken on purpose"); }
try { _ = new Broken(); Check("broken instance succeeded", true, false); }
catch (TypeInitializationException) { Check("instance of broken type throws", true, true); }
Check("still ran only once", Log(), "");
Check("dependent type works after broken", UsesBroken.Safe(), "safe");
Check("dependent type touching broken type", UsesBroken.TryTouch(), "TypeInitializationException");

// Concurrent first access: the cctor runs exactly once, and every thread sees its result.
var threads = new Thread[4];
var results = new int[4];
for (int t = 0; t < threads.Length; t++)
{
    int index = t;
    threads[t] = new Thread(() => results[index] = Slow.Value);
}
foreach (var t in threads) t.Start();
foreach (var t in threads) t.Join();
Check("concurrent access results", string.Join(",", results), "77,77,77,77");
Check("slow cctor ran once", Slow.Runs, 1);
Check("log after threads", Log(), "Slow.cctor");

// Static readonly field referencing another type's static: chain of three.
Check("chain", ChainA.Total, 6);
Check("chain order", Log(), "ChainA.cctor,ChainB.cctor,ChainC.cctor");

Console.WriteLine($"failed {failed}");
return failed;

static class Trace { public static readonly List<string> Events = new(); static Trace() { } }

static class First
{
    public const int Constant = 42;
    private static readonly int a = Mark("First.a", 1);
    private static readonly int b = Mark("First.b", a + 1);
    public static readonly int Value;
    static First() { Value = a + b; Trace.Events.Add("First.cctor"); }
    static int Mark(string what, int v) { Trace.Events.Add(what); return v; }
}

sealed class Second
{
    static Second() => Trace.Events.Add("Second.cctor");
    public Second() => Trace.Events.Add("Second.ctor");
    public static void Touch() => Trace.Events.Add("Second.Touch");
}

static class Third
{
    static Third() => Trace.Events.Add("Third.cctor");
    public static string Get() { Trace.Events.Add("Third.Get"); return "third"; }
}

class BaseT { public static int BaseValue = 1; static BaseT() => Trace.Events.Add("BaseT.cctor"); }
class DerivedT : BaseT { public static int DerivedValue = 2; static DerivedT() => Trace.Events.Add("DerivedT.cctor"); }
class BaseT2 { static BaseT2() => Trace.Events.Add("BaseT2.cctor"); public BaseT2() => Trace.Events.Add("BaseT2.ctor"); }
class DerivedT2 : BaseT2 { static DerivedT2() => Trace.Events.Add("DerivedT2.cctor"); public DerivedT2() => Trace.Events.Add("DerivedT2.ctor"); }

static class CycleA
{
    public static int X;
    static CycleA() { Trace.Events.Add("CycleA.start"); X = CycleB.Y + 10; Trace.Events.Add("CycleA.end"); }
}
static class CycleB
{
    public static int Y;
    public static int SeenAX;
    static CycleB() { SeenAX = CycleA.X; Y = 0; Trace.Events.Add("CycleB.cctor"); }
}

static class Gen<T>
{
    public static readonly string Name;
    static Gen() { Name = typeof(T).Name; Trace.Events.Add("Gen<" + Name + ">"); }
}

sealed class Broken
{
    public static int Value = 5;
    static Broken()
    {
        Trace.Events.Add("Broken.cctor");
        if (Value == 5) throw new InvalidOperationException("broken on purpose");
    }
    public static void Method() { }
}

static class UsesBroken
{
    static UsesBroken() { }
    public static string Safe() => "safe";
    public static string TryTouch()
    {
        try { return Broken.Value.ToString(); }
        catch (Exception e) { return e.GetType().Name; }
    }
}

static class Slow
{
    public static int Runs;
    public static readonly int Value;
    static Slow()
    {
        Runs++;
        Trace.Events.Add("Slow.cctor");
        Thread.Sleep(50);
        Value = 77;
    }
}

static class ChainA { public static readonly int Total; static ChainA() { Trace.Events.Add("ChainA.cctor"); Total = 1 + ChainB.Total; } }
static class ChainB { public static readonly int Total; static ChainB() { Trace.Events.Add("ChainB.cctor"); Total = 2 + ChainC.Total; } }
static class ChainC { public static readonly int Total; static ChainC() { Trace.Events.Add("ChainC.cctor"); Total = 3; } }
