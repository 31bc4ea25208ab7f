// Lambdas and closures: capture of for/foreach loop variables (per-iteration for foreach, shared
// for `for`), captured variables modified after capture and by the lambda, nested closures
// capturing several scopes, closures over `this` and over parameters/ref-like copies, local
// functions (static and capturing, recursive, generic), static lambdas, closures surviving
// collections in long-lived delegates, lambdas converted to different delegate types, and
// natural-type lambdas (var f = ...). Exit status = failed checks.
int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

// `for` shares one variable; `foreach` gets a fresh one per iteration.
var forActions = new List<Func<int>>();
for (int i = 0; i < 3; i++) forActions.Add(() => i);
Check("for loop variable shared", string.Join(",", forActions.Select(f => f())), "3,3,3");
var foreachActions = new List<Func<int>>();
foreach (var i in new[] { 0, 1, 2 }) foreachActions.Add(() => i);
Check("foreach variable per iteration", string.Join(",", foreachActions.Select(f => f())), "0,1,2");
var copyActions = new List<Func<int>>();
for (int i = 0; i < 3; i++) { int copy = i; copyActions.Add(() => copy * 10); }
Check("copy inside for body", string.Join(",", copyActions.Select(f => f())), "0,10,20");

// Capture by reference: changes after capture are seen; lambda writes are seen outside.
int counter = 0;
Action inc = () => counter++;
Func<int> read = () => counter;
inc(); inc();
counter += 10;
inc();
Check("shared captured variable", (counter, read()), (13, 13));

// Nested closures over several scopes.
Func<int, Func<int, Func<int, int>>> curry = a => b => c => a * 100 + b * 10 + c;
Check("curried", curry(1)(2)(3), 123);
var adders = MakeAdders();
Check("closures from a method's scopes", string.Join(",", adders.Select(f => f(1000))), "1000,1011,1022,1033");
int outer = 1;
Func<Func<int>> makeInner = () => { int mid = 10; return () => outer + mid++; };
var inner1 = makeInner();
var inner2 = makeInner();
Check("each outer call has its own mid", (inner1(), inner1(), inner2()), (11, 12, 11));
outer = 100;
Check("outer still shared", inner1(), 112);

// Closures over `this` and parameters.
var acc = new Accumulator(5);
var addTo = acc.MakeAdder();
addTo(3); addTo(4);
Check("closure over this", acc.Total, 12);
Check("closure over parameter", acc.MakeScaler(3)(7), 21);

// Local functions.
int Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);
Check("recursive local function", Fib(20), 6765);
int captured = 7;
int AddCaptured(int x) => x + captured;
captured = 8;
Check("capturing local function", AddCaptured(1), 9);
static int Square(int x) => x * x;
Check("static local function", Square(12), 144);
T Twice<T>(T x, Func<T, T, T> op) => op(x, x);
Check("generic local function <int>", Twice(21, (a, b) => a + b), 42);
Check("generic local function <string>", Twice("ab", string.Concat), "abab");
Func<int, int> fromLocal = AddCaptured;
captured = 100;
Check("delegate from local function sees later value", fromLocal(1), 101);
int Even(int n) => n == 0 ? 1 : Odd(n - 1);
int Odd(int n) => n == 0 ? 0 : Even(n - 1);
Check("mutually recursive local functions", (Even(10), Even(7)), (1, 0));

// Static lambdas.
Func<int, int> sq = static x => x * x;
Check("static lambda", sq(9), 81);
Func<string, int> len = static s => s.Length;
Check("static lambda 2", len("four"), 4);

// Natural types and conversions.
var natural = (int x, int y) => x - y;
Check("natural type Func<int,int,int>", natural.GetType() == typeof(Func<int, int, int>), true);
var parse = Square;
Check("natural method group", parse(5) + 1, 26);
var withDefault = (int x = 5) => x * 2;
Check("lambda default parameter", withDefault(), 10);
Predicate<string> pred = s => s.StartsWith('a');
Func<string, bool> fpred = s => s.StartsWith('a');
Check("same lambda text, different delegate types", (pred("abc"), fpred("xbc")), (true, false));

// Closures kept only by a long-lived delegate across collections.
var keep = BuildClosures(200);
for (int round = 0; round < 3; round++)
{
    var garbage = new List<int[]>();
    for (int k = 0; k < 300; k++) garbage.Add(new int[32]);
    GC.Collect();
}
long sum = 0;
foreach (var f in keep) sum += f();
Check("closures survive collections", sum, Enumerable.Range(0, 200).Sum(i => (long)i * 3 + ("s" + i).Length));

// Closure capturing a struct copy vs a class reference.
var pt = new MutPoint { X = 1 };
Func<int> readPt = () => pt.X;
pt.X = 50;
Check("captured struct variable (hoisted, shared)", readPt(), 50);
var ptCopy = pt;
Func<int> readCopy = () => ptCopy.X;
pt.X = 60;
Check("captured copy unaffected", readCopy(), 50);

// LINQ deferred execution with captured variables.
int threshold = 3;
var query = Enumerable.Range(0, 10).Where(x => x > threshold);
threshold = 7;
Check("deferred query sees later capture", string.Join(",", query), "8,9");

// Expression-bodied lambdas returning lambdas in a loop (closure per iteration in a while loop).
var multipliers = new List<Func<int, int>>();
int m = 0;
while (m < 4) { int factor = m; multipliers.Add(x => x * factor); m++; }
Check("while-loop closures", string.Join(",", multipliers.Select(f => f(3))), "0,3,6,9");

Console.WriteLine($"failed {failed}");
return failed;

static List<Func<int, int>> MakeAdders()
{
    var list = new List<Func<int, int>>();
    int baseValue = 0;
    for (int i = 0; i < 4; i++)
    {
        int step = i * 10;
        list.Add(x => x + step + i2(step));
        baseValue += step;
    }
    return list;
    static int i2(int s) => s / 10;
}

static List<Func<long>> BuildClosures(int n)
{
    var list = new List<Func<long>>();
    for (int i = 0; i < n; i++)
    {
        string s = "s" + i;
        long v = i * 3L;
        list.Add(() => v + s.Length);
    }
    return list;
}

sealed class Accumulator(int start)
{
    public int Total = start;
    public Action<int> MakeAdder() => x => Total += x;
    public Func<int, int> MakeScaler(int factor) => x => x * factor;
}

struct MutPoint { public int X; }
