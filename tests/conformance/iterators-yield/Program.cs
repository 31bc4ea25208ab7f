// Iterators: yield return/yield break, laziness (nothing runs until MoveNext, and only as far as
// consumed), finally blocks running on normal completion, on early break (Dispose from foreach),
// on LINQ Take/First, and on an exception thrown by the consumer or by the iterator; nested
// try/finally in iterators (inner finally first), iterators calling iterators (recursive tree
// walk), each GetEnumerator call starting fresh, infinite generators, IEnumerator<T> iterators,
// iterator methods on generic types, and exceptions thrown from iterator bodies mid-sequence.
// Exit status = failed checks.
int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}
var log = new List<string>();
string Log() { var s = string.Join(",", log); log.Clear(); return s; }

// Laziness.
var seq = Counting(log, 5);
Check("nothing runs at call", Log(), "");
using (var e = seq.GetEnumerator())
{
    Check("still nothing at GetEnumerator", Log(), "");
    e.MoveNext();
    Check("first MoveNext runs to first yield", Log(), "start,y0");
    e.MoveNext();
    Check("second MoveNext", (e.Current, Log()), (1, "y1"));
}
Check("dispose after partial enumeration runs finally", Log(), "finally");
Check("full enumeration", string.Join("", Counting(log, 3)), "012");
Check("full log", Log(), "start,y0,y1,y2,end,finally");

// Early exit paths all run finally.
foreach (var x in Counting(log, 10)) if (x == 2) break;
Check("break runs finally", Log(), "start,y0,y1,y2,finally");
Check("Take(2)", string.Join("", Counting(log, 10).Take(2)), "01");
Check("Take runs finally", Log(), "start,y0,y1,finally");
Check("First()", Counting(log, 10).First(), 0);
Check("First runs finally", Log(), "start,y0,finally");
try { foreach (var x in Counting(log, 10)) if (x == 1) throw new InvalidOperationException("consumer"); }
catch (InvalidOperationException) { log.Add("caught"); }
Check("consumer exception: finally before catch", Log(), "start,y0,y1,finally,caught");

// Nested finally blocks.
foreach (var x in Nested(log)) if (x == "inner-1") break;
Check("nested finally order on break", Log(), "outer-try,inner-try,inner-finally,outer-finally");
Check("nested full", string.Join("|", Nested(log)), "outer-0|inner-1|after-inner");
Check("nested full log", Log(), "outer-try,inner-try,inner-finally,outer-finally");

// Exception from inside the iterator.
var partial = new List<int>();
string thrown = "";
try { foreach (var x in ThrowsAt(log, 3)) partial.Add(x); }
catch (ArgumentException e) { thrown = e.Message; }
Check("values before iterator exception", string.Join("", partial), "012");
Check("iterator exception message", thrown, "boom at 3");
Check("iterator finally ran on its own exception", Log(), "iter-finally");

// yield break.
Check("yield break early", string.Join(",", UntilNegative([3, 1, -1, 5])), "3,1");
Check("yield break on empty", UntilNegative([]).Count(), 0);

// Each enumeration restarts.
var fib = Fibonacci();
Check("infinite generator Take", string.Join(",", fib.Take(10)), "0,1,1,2,3,5,8,13,21,34");
Check("restart from beginning", string.Join(",", fib.Skip(5).Take(3)), "5,8,13");
Check("long run of infinite generator", fib.Skip(80).First(), 23416728348467685L);

// Recursive iterators: tree walk.
var tree = new Node(1, new Node(2, new Node(4), new Node(5)), new Node(3, null, new Node(6, new Node(7))));
Check("in-order", string.Join("", tree.InOrder()), "4251376");
Check("pre-order", string.Join("", tree.PreOrder()), "1245367");
Check("depth-first count", tree.PreOrder().Count(), 7);

// Generic iterator and iterator over IEnumerator<T>.
Check("generic pairs", string.Join(" ", Pairs(new[] { "a", "b", "c" })), "(a, b) (b, c)");
Check("generic window over ints", string.Join(" ", Pairs(Enumerable.Range(1, 4))), "(1, 2) (2, 3) (3, 4)");
var en = Letters();
var letters = "";
while (en.MoveNext()) letters += en.Current;
Check("IEnumerator<T> iterator", letters, "xyz");

// Iterator with captured state and LINQ composition.
int multiplier = 2;
var scaled = Enumerable.Range(1, 3).Select(x => x * multiplier);
multiplier = 10;
Check("LINQ over iterator sees later capture", string.Join(",", scaled), "10,20,30");
Check("Zip of two iterators", string.Join(",", Fibonacci().Zip(Counting(log, 4), (a, b) => a + b)), "0,2,3,5");
Log();
Check("iterator in iterator (SelectMany)", string.Join("", Enumerable.Range(1, 3).SelectMany(n => Repeat('*', n))), "******");

// Iterator object reused: GetEnumerator on the same instance twice gives independent enumerators.
var twice = Counting(log, 2);
var en1 = twice.GetEnumerator(); var en2 = twice.GetEnumerator();
en1.MoveNext(); en1.MoveNext(); en2.MoveNext();
Check("independent enumerators", (en1.Current, en2.Current), (1, 0));
en1.Dispose(); en2.Dispose();
Check("both disposed", Log(), "start,y0,y1,start,y0,finally,finally");

// Large generated sequence, aggregated.
Check("sum of 20000 yielded values", Counting(null, 20000).Sum(x => (long)x), 199990000L);

Console.WriteLine($"failed {failed}");
return failed;

static IEnumerable<int> Counting(List<string>? log, int n)
{
    log?.Add("start");
    try
    {
        for (int i = 0; i < n; i++)
        {
            log?.Add("y" + i);
            yield return i;
        }
        log?.Add("end");
    }
    finally
    {
        log?.Add("finally");
    }
}

static IEnumerable<string> Nested(List<string> log)
{
    try
    {
        log.Add("outer-try");
        yield return "outer-0";
        try
        {
            log.Add("inner-try");
            yield return "inner-1";
        }
        finally { log.Add("inner-finally"); }
        yield return "after-inner";
    }
    finally { log.Add("outer-finally"); }
}

static IEnumerable<int> ThrowsAt(List<string> log, int at)
{
    try
    {
        for (int i = 0; ; i++)
        {
            if (i == at) throw new ArgumentException($"boom at {i}");
            yield return i;
        }
    }
    finally { log.Add("iter-finally"); }
}

static IEnumerable<int> UntilNegative(int[] items)
{
    foreach (var x in items)
    {
        if (x < 0) yield break;
        yield return x;
    }
}

static IEnumerable<long> Fibonacci()
{
    long a = 0, b = 1;
    while (true)
    {
        yield return a;
        (a, b) = (b, a + b);
    }
}

static IEnumerable<(T, T)> Pairs<T>(IEnumerable<T> items)
{
    using var e = items.GetEnumerator();
    if (!e.MoveNext()) yield break;
    T prev = e.Current;
    while (e.MoveNext())
    {
        yield return (prev, e.Current);
        prev = e.Current;
    }
}

static IEnumerator<char> Letters() { yield return 'x'; yield return 'y'; yield return 'z'; }
static IEnumerable<T> Repeat<T>(T value, int n) { for (int i = 0; i < n; i++) yield return value; }

sealed class Node(int value, Node? left = null, Node? right = null)
{
    public IEnumerable<int> InOrder()
    {
        if (left is not null) foreach (var v in left.InOrder()) yield return v;
        yield return value;
        if (right is not null) foreach (var v in right.InOrder()) yield return v;
    }
    public IEnumerable<int> PreOrder()
    {
        yield return value;
        foreach (var child in new[] { left, right })
            if (child is not null)
                foreach (var v in child.PreOrder()) yield return v;
    }
}
