// Delegates: multicast combine (+, Delegate.Combine) and remove (-, Delegate.Remove/RemoveAll,
// removing the last matching run of a sub-list), invocation order, the return value of a multicast
// Func being the last one's, GetInvocationList, delegates bound to static, instance, virtual
// (dispatch at creation), generic, struct-instance (boxed copy) and extension methods, delegate
// equality, exceptions stopping a multicast chain, and DynamicInvoke-free manual iteration.
// Exit status = failed checks.
int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

var log = new List<string>();
Action a = () => log.Add("a");
Action b = () => log.Add("b");
Action c = () => log.Add("c");

Action chain = a + b + c;
chain();
Check("combine order", string.Join("", log), "abc");
Check("invocation list length", chain.GetInvocationList().Length, 3);

log.Clear();
(chain + a)();
Check("duplicate entries run twice", string.Join("", log), "abca");

log.Clear();
Action? removed = (a + b + a + c) - a;
removed!();
Check("remove takes the last occurrence", string.Join("", log), "abc");

log.Clear();
removed = (a + b + c + a + b) - (a + b);
removed!();
Check("remove sub-list: last matching run", string.Join("", log), "abc");

log.Clear();
removed = (a + b + c) - (a + c);
removed!();
Check("non-contiguous sub-list is not removed", string.Join("", log), "abc");

log.Clear();
removed = (Action?)Delegate.RemoveAll(a + b + a + c + a, a);
removed!();
Check("RemoveAll", string.Join("", log), "bc");

Action? empty = a - a;
Check("removing the only delegate gives null", empty is null, true);
Check("combine with null", ReferenceEquals(Delegate.Combine(null, a), a), true);
Check("remove from null", (Delegate.Remove(null, a)) is null, true);
Action? nothing = null;
nothing += b;
nothing -= c;
log.Clear();
nothing?.Invoke();
Check("+= on null then -= absent", string.Join("", log), "b");

// Multicast Func returns the last result; all run.
int calls = 0;
Func<int> f1 = () => { calls++; return 1; };
Func<int> f2 = () => { calls++; return 2; };
Func<int> f3 = () => { calls++; return 3; };
Check("multicast Func returns last", (f1 + f2 + f3)(), 3);
Check("all Func targets ran", calls, 3);
Check("results via invocation list", string.Join(",", (f3 + f1 + f2).GetInvocationList().Cast<Func<int>>().Select(f => f())), "3,1,2");

// Targets: static, instance, virtual, generic, struct, extension.
var counter = new Counter(10);
Func<int, int> st = Counter.StaticTwice;
Func<int, int> inst = counter.AddBase;
Base obj = new Derived();
Func<string> virt = obj.Name;
Func<int, string> gen = Generic<int>;
Func<string, string> gen2 = Generic<string>;
var sv = new StructValue { X = 5 };
Func<int> structBound = sv.Get;
sv.X = 99;
Func<int> ext = "hello".LengthPlus;
Check("static method", st(21), 42);
Check("instance method", inst(5), 15);
Check("instance target", ReferenceEquals(inst.Target, counter), true);
Check("static target is null", st.Target is null, true);
Check("virtual bound at creation to override", virt(), "Derived");
Check("generic method <int>", gen(3), "Int32:3");
Check("generic method <string>", gen2("s"), "String:s");
Check("struct instance boxed at creation", structBound(), 5);
Check("extension method as instance delegate", ext(), 6);

// Mutable instance target: delegate sees later field changes.
counter.Base = 100;
Check("target mutation visible", inst(1), 101);

// Equality.
Func<int, int> inst2 = counter.AddBase;
Check("same target+method equal", inst.Equals(inst2), true);
Check("different target not equal", inst.Equals(new Func<int, int>(new Counter(1).AddBase)), false);
Check("multicast equality", (a + b).Equals(a + b), true);
Check("multicast order matters", (a + b).Equals(b + a), false);
Action bound1 = counter.Touch, bound2 = counter.Touch;
log.Clear();
Action combined = bound1 + bound2;
combined = (combined - counter.Touch)!;
Check("remove by equal (not identical) delegate", combined.GetInvocationList().Length, 1);

// Exception stops the chain.
log.Clear();
Action thrower = () => { log.Add("t"); throw new InvalidOperationException("stop"); };
string caught = "";
try { (a + thrower + b)(); }
catch (InvalidOperationException e) { caught = e.Message; }
Check("exception stops chain", string.Join("", log) + "/" + caught, "at/stop");

// Custom delegate types with ref/out parameters, multicast with ref accumulating.
Accumulate acc = (ref int x) => x += 1;
acc += (ref int x) => x *= 10;
acc += (ref int x) => x -= 3;
int value = 2;
acc(ref value);
Check("multicast ref parameter threads through", value, 27);
TryParse tp = int.TryParse;
Check("delegate to out-parameter method", tp("123", out int parsed) && parsed == 123, true);

// Delegates in collections, invoked by index; method group conversion to different delegate types.
var ops = new Dictionary<string, Func<int, int, int>> { ["add"] = (x, y) => x + y, ["mul"] = Multiply, ["max"] = Math.Max };
Check("dictionary of delegates", string.Join(",", new[] { "add", "mul", "max" }.Select(k => ops[k](6, 7))), "13,42,7");
Comparison<string> cmp = string.CompareOrdinal;
var words = new List<string> { "b", "a", "c" };
words.Sort(cmp);
Check("Comparison from method group", string.Join("", words), "abc");
Predicate<int> isEven = IsEven;
Func<int, bool> isEvenF = new Func<int, bool>(isEven);
Check("delegate wrapping a delegate", isEvenF(4) && !isEvenF(3), true);
Check("Converter", string.Join(",", Array.ConvertAll(new[] { 1, 2 }, new Converter<int, string>(i => "#" + i))), "#1,#2");

Console.WriteLine($"failed {failed}");
return failed;

static string Generic<T>(T x) => $"{typeof(T).Name}:{x}";
static int Multiply(int x, int y) => x * y;
static bool IsEven(int x) => x % 2 == 0;

delegate void Accumulate(ref int x);
delegate bool TryParse(string s, out int result);

class Counter(int b)
{
    public int Base = b;
    public static int StaticTwice(int x) => x * 2;
    public int AddBase(int x) => x + Base;
    public void Touch() { }
}

class Base { public virtual string Name() => "Base"; }
class Derived : Base { public override string Name() => "Derived"; }
struct StructValue { public int X; public int Get() => X; }
static class Ext { public static int LengthPlus(this string s) => s.Length + 1; }
