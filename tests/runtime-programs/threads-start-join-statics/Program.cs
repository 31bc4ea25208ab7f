// Thread start and join, thread statics, identity, names, Join with a timeout, Sleep and Yield.
// Prints only facts that hold on every scheduler; the exit status is the number of failed checks.
using System.Threading;

int failures = 0;
void Check(string what, bool ok)
{
    Console.WriteLine($"{what}: {(ok ? "ok" : "FAIL")}");
    if (!ok)
        failures++;
}

// Each thread sums its own range; results land in their own slots.
const int ThreadCount = 6;
var sums = new long[ThreadCount];
var threads = new Thread[ThreadCount];
for (int i = 0; i < ThreadCount; i++)
{
    int index = i;
    threads[i] = new Thread(() =>
    {
        long sum = 0;
        for (int n = 1; n <= 100_000 * (index + 1); n++)
            sum += n;
        sums[index] = sum;
    });
    threads[i].Start();
}
foreach (var t in threads)
    t.Join();
for (int i = 0; i < ThreadCount; i++)
    Console.WriteLine($"thread {i}: sum {sums[i]}");
Check("joined threads are no longer alive", threads.All(t => !t.IsAlive));

// [ThreadStatic] fields: every thread sees its own copy, starting from the default.
Statics.PerThread = 1000;
var seen = new int[4];
var staticThreads = NewThreads(4, i =>
{
    int initial = Statics.PerThread;
    Statics.PerThread = i + 1;
    Thread.Sleep(20);   // others run and set their own copies meanwhile
    seen[i] = initial * 100 + Statics.PerThread;
});
foreach (var t in staticThreads)
    t.Start();
foreach (var t in staticThreads)
    t.Join();
Console.WriteLine($"thread-static values seen: {string.Join(", ", seen)}");
Check("the main thread's thread-static value is untouched", Statics.PerThread == 1000);

// ThreadLocal<T> builds on thread statics too.
using (var local = new ThreadLocal<int>(() => 7))
{
    int other = 0;
    var t = new Thread(() => { local.Value += 1; other = local.Value; });
    local.Value = 40;
    t.Start();
    t.Join();
    Console.WriteLine($"ThreadLocal: main {local.Value}, other {other}");
}

// Identity and properties.
int mainId = Environment.CurrentManagedThreadId;
int workerId = 0;
string? workerName = null;
bool workerBackground = false;
var named = new Thread(() =>
{
    workerId = Environment.CurrentManagedThreadId;
    workerName = Thread.CurrentThread.Name;
    workerBackground = Thread.CurrentThread.IsBackground;
}) { Name = "worker-7", IsBackground = true };
named.Start();
named.Join();
Check("a new thread has its own managed id", workerId != mainId && workerId > 0);
Console.WriteLine($"name seen by the thread: {workerName}, background: {workerBackground}");
Check("Thread.CurrentThread is stable", ReferenceEquals(Thread.CurrentThread, Thread.CurrentThread));

// Join with a timeout: false while the thread sleeps, true once it ends.
var sleeper = new Thread(() => Thread.Sleep(300));
sleeper.Start();
bool early = sleeper.Join(20);
bool late = sleeper.Join(10_000);
Check("Join(20) on a thread sleeping 300 ms times out", !early);
Check("Join(10000) then succeeds", late);

// Thread state transitions.
var gate = new ManualResetEventSlim();
var waiting = new Thread(() => gate.Wait());
// (Compared, not printed: formatting an enum needs reflection metadata, which is not this test.)
Check("Unstarted before Start", waiting.ThreadState == ThreadState.Unstarted);
waiting.Start();
while ((waiting.ThreadState & ThreadState.WaitSleepJoin) == 0)
    Thread.Sleep(1);
Check("WaitSleepJoin while blocked", waiting.ThreadState == ThreadState.WaitSleepJoin);
gate.Set();
waiting.Join();
Check("Stopped after Join", waiting.ThreadState == ThreadState.Stopped);

// Yield and Sleep(0) return to the caller.
Thread.Yield();
Thread.Sleep(0);
Check("Yield and Sleep(0) return", true);

// A thread with a small requested stack still runs.
int small = 0;
var smallStack = new Thread(() => small = Fibonacci(20), 256 * 1024);
smallStack.Start();
smallStack.Join();
Console.WriteLine($"fib(20) on a 256 KiB stack: {small}");

Console.WriteLine($"failures: {failures}");
return failures;

// Builds (without starting) one thread per index. A plain loop: LINQ's Select over a range with a
// reference-type result needs run-time generic method resolution, which is not what these test.
static Thread[] NewThreads(int count, Action<int> body)
{
    var threads = new Thread[count];
    for (int i = 0; i < count; i++)
    {
        int index = i;
        threads[i] = new Thread(() => body(index));
    }
    return threads;
}

static int Fibonacci(int n) => n < 2 ? n : Fibonacci(n - 1) + Fibonacci(n - 2);

static class Statics
{
    [ThreadStatic]
    public static int PerThread;
}
