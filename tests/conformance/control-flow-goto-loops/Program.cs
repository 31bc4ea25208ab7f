// Control flow through unusual paths: goto case / goto default inside switch statements, goto
// out of nested loops, backward goto loops, break/continue/return/goto leaving try/finally
// blocks (each finally runs exactly once, innermost first), finally modifying a variable after
// the return value was computed (the returned value is the one computed before), loops with
// continue inside catch, do/while with complex conditions, switch on long/char/enum ranges, and
// deeply nested finally ordering. Exit status = failed checks.
int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}
var log = new List<string>();
string Log() { var s = string.Join(",", log); log.Clear(); return s; }

// goto case / goto default.
Check("goto case chain", string.Join(" ", new[] { 0, 1, 2, 3, 9 }.Select(StateMachine)), "abcd bcd cd d zd");

// goto out of nested loops.
Check("goto out of triple loop", FindTriple(20), "3,4,5");
Check("backward goto loop", Collatz(27), 111);

// break/continue/return/goto leaving try/finally.
for (int i = 0; i < 5; i++)
{
    try
    {
        try
        {
            if (i == 1) continue;
            if (i == 3) break;
            log.Add("body" + i);
        }
        finally { log.Add("inner" + i); }
    }
    finally { log.Add("outer" + i); }
}
Check("continue/break through two finallys", Log(), "body0,inner0,outer0,inner1,outer1,body2,inner2,outer2,inner3,outer3");
Check("return through finallys", ReturnThrough(log), 1);
Check("finally order on return", Log(), "try,f3,f2,f1");
Check("goto out of try/finally", GotoOut(log), "out");
Check("goto finally ran", Log(), "in-try,finally");
Check("finally modifies after return value computed", ReturnThenModify(), 10);
Check("ref-type return mutated in finally", ReturnListThenModify().Count, 2);

// continue inside catch.
int caught = 0, sum = 0;
for (int i = 0; i < 10; i++)
{
    try
    {
        if (i % 3 == 0) throw new InvalidOperationException();
        sum += i;
    }
    catch (InvalidOperationException) { caught++; continue; }
    finally { sum += 100; }
    sum += 1000;
}
Check("continue in catch with finally", (caught, sum), (4, 1 + 2 + 4 + 5 + 7 + 8 + 1000 + 6 * 1000));

// Exceptions crossing finally blocks with a counter.
int finallies = 0;
try { Nest(5, ref finallies); } catch (ApplicationException e) { log.Add(e.Message); }
Check("exception through 5 nested finallys", (finallies, Log()), (5, "deep"));

// Switch on long, char, enum; with ranges via patterns and fallthrough-free case stacking.
Check("switch on long", string.Join(",", new[] { 0L, 1L << 40, -1L, 7L }.Select(SwitchLong)), "zero,big,neg,other");
Check("switch on char", string.Join("", "a1 Z_".Select(SwitchChar)), "ld_u?");
Check("switch on enum with stacked cases", string.Join("", Enum.GetValues<DayOfWeek>().Select(d => SwitchDay(d))), "EWWWWWE");
Check("sparse int switch", string.Join(",", new[] { 1, 100, 1000, 10000, 5 }.Select(Sparse)), "a,b,c,d,-");
Check("dense int switch (jump table)", string.Join("", Enumerable.Range(-1, 12).Select(Dense)), "?abcdefghij?");

// do/while and while with side-effecting conditions.
int k = 0, evals = 0;
do { k += 3; } while (++evals < 100 && k < 20);
Check("do/while", (k, evals), (21, 7));
int x = 0;
while (Next(ref x) < 5 || x == 7) { }
Check("while with side effects", x, 5);
Check("labeled-like nested loops with flags", NestedLoopsCount(), 45);

Console.WriteLine($"failed {failed}");
return failed;

static string StateMachine(int start)
{
    var sb = new System.Text.StringBuilder();
    switch (start)
    {
        case 0: sb.Append('a'); goto case 1;
        case 1: sb.Append('b'); goto case 2;
        case 2: sb.Append('c'); goto case 3;
        case 3: sb.Append('d'); break;
        default: sb.Append('z'); goto case 3;
    }
    return sb.ToString();
}

static string FindTriple(int limit)
{
    int a, b = 0, c = 0;
    for (a = 1; a < limit; a++)
        for (b = a; b < limit; b++)
            for (c = b; c < limit; c++)
                if (a * a + b * b == c * c) goto found;
    return "none";
found:
    return $"{a},{b},{c}";
}

static int Collatz(long n)
{
    int steps = 0;
top:
    if (n == 1) return steps;
    n = n % 2 == 0 ? n / 2 : 3 * n + 1;
    steps++;
    goto top;
}

static int ReturnThrough(List<string> log)
{
    try
    {
        try
        {
            try { log.Add("try"); return 1; }
            finally { log.Add("f3"); }
        }
        finally { log.Add("f2"); }
    }
    finally { log.Add("f1"); }
}

static string GotoOut(List<string> log)
{
    try
    {
        log.Add("in-try");
        goto exit;
    }
    finally { log.Add("finally"); }
exit:
    return "out";
}

static int ReturnThenModify()
{
    int v = 10;
    try { return v; }
    finally { v = 99; }
}

static List<int> ReturnListThenModify()
{
    var list = new List<int> { 1 };
    try { return list; }
    finally { list.Add(2); }
}

static void Nest(int depth, ref int finallies)
{
    try
    {
        if (depth == 1) throw new ApplicationException("deep");
        Nest(depth - 1, ref finallies);
    }
    finally { finallies++; }
}

static string SwitchLong(long v)
{
    switch (v)
    {
        case 0: return "zero";
        case 1L << 40: return "big";
        case < 0: return "neg";
        default: return "other";
    }
}

static char SwitchChar(char c)
{
    switch (c)
    {
        case >= 'a' and <= 'z': return 'l';
        case >= 'A' and <= 'Z': return 'u';
        case >= '0' and <= '9': return 'd';
        case ' ': return '_';
        default: return '?';
    }
}

static char SwitchDay(DayOfWeek d)
{
    switch (d)
    {
        case DayOfWeek.Saturday:
        case DayOfWeek.Sunday:
            return 'E';
        case DayOfWeek.Monday:
        case DayOfWeek.Tuesday:
        case DayOfWeek.Wednesday:
        case DayOfWeek.Thursday:
        case DayOfWeek.Friday:
            return 'W';
        default:
            return '?';
    }
}

static string Sparse(int v) => v switch { 1 => "a", 100 => "b", 1000 => "c", 10000 => "d", _ => "-" };

static char Dense(int v)
{
    switch (v)
    {
        case 0: return 'a'; case 1: return 'b'; case 2: return 'c'; case 3: return 'd'; case 4: return 'e';
        case 5: return 'f'; case 6: return 'g'; case 7: return 'h'; case 8: return 'i'; case 9: return 'j';
        default: return '?';
    }
}

static int Next(ref int x) => ++x;

static int NestedLoopsCount()
{
    int count = 0;
    for (int i = 0; i < 10; i++)
    {
        bool stop = false;
        for (int j = 0; j < 10 && !stop; j++)
        {
            if (j >= i) { stop = true; continue; }
            count++;
        }
    }
    return count;
}
