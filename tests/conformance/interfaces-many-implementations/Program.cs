// Interface dispatch over many implementers: one interface implemented by 12 classes and structs
// (so call sites see many types), calls through interface arrays and generic constraints (structs
// called without boxing via constrained calls), explicit implementations that differ from the
// public member, the same method name on two interfaces, interface inheritance, re-implementation
// in a derived class, and casts between interfaces. Exit status = failed checks.
using System.Runtime.CompilerServices;

int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

IValue[] values =
[
    new C1(), new C2(), new C3(), new C4(), new C5(), new C6(),
    new S1(), new S2(3), new S3(), new S4 { Text = "s4" }, new S5(), new S6(),
];
int sum = 0;
foreach (var v in values)
{
    Console.WriteLine($"{v.GetType().Name}: Get={v.Get()} Name={v.Name} Mix(2)={v.Mix(2)}");
    sum += v.Get();
}
Check("sum over 12 implementers", sum, 78);

// Megamorphic call site in a loop.
long total = 0;
for (int i = 0; i < 1200; i++)
    total += values[(i * 7) % values.Length].Mix(i);
Check("megamorphic loop total", total, Expected(values));

// Generic constrained calls: structs are not boxed; mutation through the constrained call is seen.
var counter = new MutableCounter();
BumpTwice(ref counter);
Check("constrained call mutates struct in place", counter.Count, 2);
IBump boxed = counter;
boxed.Bump();
Check("boxed copy mutated separately", (counter.Count, ((MutableCounter)boxed).Count), (2, 3));
Check("generic over struct", SumGeneric(new S1(), new S2(3)), 7 + 8);
Check("generic over class", SumGeneric(new C1(), new C6()), 1 + 6);

// Explicit implementations.
var both = new TwoFaces();
Check("public member", both.Speak(), "public");
Check("explicit ILoud", ((ILoud)both).Speak(), "LOUD");
Check("explicit IQuiet", ((IQuiet)both).Speak(), "quiet");
ILoud loud = both;
IQuiet quiet = (IQuiet)loud;
Check("cross-cast between interfaces", quiet.Speak(), "quiet");

// Interface inheritance: IDerived : IBase, both implemented; explicit base member.
IDerived d = new Impl();
IBase b = d;
Check("derived member", d.Extra(), "extra");
Check("base via derived iface", d.Id(), 42);
Check("base iface", b.Id(), 42);

// Re-implementation: a derived class re-declares the interface and wins for interface calls.
IBase reimpl = new ReImpl();
Check("re-implemented interface", reimpl.Id(), 99);
Check("non-virtual class method stays", ((Impl)reimpl).Id(), 42);

// is / as with interfaces on structs (boxes) and classes.
object o = new S2(5);
Check("struct boxed is IValue", o is IValue, true);
Check("struct boxed is IBump", o is IBump, false);
Check("as interface", (o as IValue)?.Get(), 10);
Check("interface type check on null", NullObject() is IValue, false);

// Interface array covariance with class-implementers: IValue[] holding classes only.
IValue[] classOnly = [new C1(), new C2()];
object arr = classOnly;
Check("IValue[] is object[]", arr is object[], true);

// A struct implementing several interfaces, called through each.
var multi = new MultiStruct(10);
Check("IValue via struct", ((IValue)multi).Get(), 10);
Check("IComparable via struct", ((IComparable<MultiStruct>)multi).CompareTo(new MultiStruct(3)) > 0, true);
Check("IEquatable via struct", ((IEquatable<MultiStruct>)multi).Equals(new MultiStruct(10)), true);
var list = new List<MultiStruct> { new(5), new(1), new(9), new(3) };
list.Sort();
Check("List.Sort via IComparable<T>", string.Join(",", list.Select(m => m.Get())), "1,3,5,9");

Console.WriteLine($"failed {failed}");
return failed;

static long Expected(IValue[] values)
{
    long t = 0;
    for (int i = 0; i < 1200; i++)
    {
        int k = (i * 7) % values.Length;
        t += (k + 1) * 1000 + i;
    }
    return t;
}

[MethodImpl(MethodImplOptions.NoInlining)] static object? NullObject() => null;
static void BumpTwice<T>(ref T value) where T : IBump { value.Bump(); value.Bump(); }
static int SumGeneric<T, U>(T a, U b) where T : IValue where U : IValue => a.Get() + b.Get();

interface IValue
{
    int Get();
    string Name { get; }
    long Mix(int x);
}

interface IBump { void Bump(); }

class C1 : IValue { public int Get() => 1; public string Name => "c1"; public long Mix(int x) => 1000 + x; }
class C2 : IValue { public int Get() => 2; public string Name => "c2"; public long Mix(int x) => 2000 + x; }
class C3 : IValue { int IValue.Get() => 3; string IValue.Name => "c3-explicit"; long IValue.Mix(int x) => 3000 + x; }
class C4Base { public virtual int Get() => -1; }
class C4 : C4Base, IValue { public override int Get() => 4; public string Name => "c4"; public long Mix(int x) => 4000 + x; }
abstract class C5Base : IValue { public abstract int Get(); public string Name => "c5"; public virtual long Mix(int x) => 0; }
class C5 : C5Base { public override int Get() => 5; public override long Mix(int x) => 5000 + x; }
sealed class C6 : IValue { public int Get() => 6; public string Name { get; } = "c6"; public long Mix(int x) => 6000 + x; }
struct S1 : IValue { public int Get() => 7; public string Name => "s1"; public long Mix(int x) => 7000 + x; }
readonly struct S2(int v) : IValue { public int Get() => v + 5; public string Name => "s2"; public long Mix(int x) => 8000 + x; }
struct S3 : IValue { int IValue.Get() => 9; string IValue.Name => "s3"; long IValue.Mix(int x) => 9000 + x; }
struct S4 : IValue { public string Text; public int Get() => 10; public string Name => Text; public long Mix(int x) => 10000 + x; }
struct S5 : IValue { public long Pad1 = 0, Pad2 = 0, Pad3 = 0; public S5() { } public int Get() => 11; public string Name => "s5"; public long Mix(int x) => 11000 + x + Pad1; }
record struct S6 : IValue { public int Get() => 12; public string Name => "s6"; public long Mix(int x) => 12000 + x; }

struct MutableCounter : IBump { public int Count; public void Bump() => Count++; }

interface ILoud { string Speak(); }
interface IQuiet { string Speak(); }
class TwoFaces : ILoud, IQuiet
{
    public string Speak() => "public";
    string ILoud.Speak() => "LOUD";
    string IQuiet.Speak() => "quiet";
}

interface IBase { int Id(); }
interface IDerived : IBase { string Extra(); }
class Impl : IDerived { public int Id() => 42; public string Extra() => "extra"; }
class ReImpl : Impl, IBase { int IBase.Id() => 99; }

readonly struct MultiStruct(int v) : IValue, IComparable<MultiStruct>, IEquatable<MultiStruct>
{
    public int Get() => v;
    public string Name => "multi";
    public long Mix(int x) => v + x;
    public int CompareTo(MultiStruct other) => v.CompareTo(other.Get());
    public bool Equals(MultiStruct other) => v == other.Get();
}
