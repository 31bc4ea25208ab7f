// Task.Run on the thread pool, await, Task.Delay, WhenAll/WhenAny, continuations, async chains,
// TaskCompletionSource and Parallel.For. The exit status is the number of failed checks.
using System.Diagnostics;
using System.Threading;

int failures = 0;
void Check(string what, bool ok)
{
    Console.WriteLine($"{what}: {(ok ? "ok" : "FAIL")}");
    if (!ok)
        failures++;
}

int mainThread = Environment.CurrentManagedThreadId;

// Task.Run returns a value computed on a pool thread.
int poolThread = 0;
bool onPool = false;
int answer = await Task.Run(() =>
{
    poolThread = Environment.CurrentManagedThreadId;
    onPool = Thread.CurrentThread.IsThreadPoolThread;
    return 6 * 7;
});
Console.WriteLine($"Task.Run result: {answer}");
Check("Task.Run ran on a thread-pool thread", onPool && poolThread != mainThread);

// Task.Delay waits at least as long as asked.
var stopwatch = Stopwatch.StartNew();
await Task.Delay(100);
Check("Task.Delay(100) took about 100 ms or more", stopwatch.ElapsedMilliseconds >= 90);   // timers count coarse milliseconds

// WhenAll over many tasks; results in task order.
var squareTasks = new List<Task<int>>();
for (int i = 1; i <= 20; i++)
{
    int n = i;
    squareTasks.Add(Task.Run(async () =>
    {
        await Task.Delay(5 * (n % 4));
        return n * n;
    }));
}
var squares = await Task.WhenAll(squareTasks);
Console.WriteLine($"WhenAll squares: {string.Join(" ", squares)}");

// WhenAny: the short delay wins.
var slow = Task.Delay(2000).ContinueWith(_ => "slow");
var fast = Task.Delay(20).ContinueWith(_ => "fast");
var first = await Task.WhenAny(slow, fast);
Console.WriteLine($"WhenAny winner: {await first}");

// Delays complete in due order.
var finished = new List<int>();
var delays = new List<Task>();
foreach (int ms in new[] { 120, 40, 80 })
{
    delays.Add(Task.Run(async () =>
    {
        await Task.Delay(ms);
        lock (finished)
            finished.Add(ms);
    }));
}
await Task.WhenAll(delays);
Console.WriteLine($"delay completion order: {string.Join(", ", finished)}");

// An async chain with awaits in between.
Console.WriteLine($"async chain: {await Chain(5)}");

// TaskCompletionSource completed from another thread.
var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
new Thread(() => { Thread.Sleep(20); tcs.SetResult("from a thread"); }).Start();
Console.WriteLine($"TaskCompletionSource: {await tcs.Task}");

// Continuations, Task.Yield, and a timeout race that the work wins.
int continued = await Task.Run(() => 10).ContinueWith(t => t.Result + 1);
Console.WriteLine($"ContinueWith: {continued}");
await Task.Yield();
var work = Task.Run(() => "done");
Check("work finishes before a 5 s timeout", await Task.WhenAny(work, Task.Delay(5000)) == work);

// Parallel.For: a deterministic sum however the iterations are spread.
long total = 0;
Parallel.For(1, 1001, i => Interlocked.Add(ref total, i));
Console.WriteLine($"Parallel.For sum: {total}");

// Blocking on a task from the main thread.
int blocked = Task.Run(() => { Thread.Sleep(10); return 99; }).Result;
Console.WriteLine($"Task.Result: {blocked}");

// Many short work items queued at once.
int counter = 0;
var many = new Task[200];
for (int i = 0; i < many.Length; i++)
    many[i] = Task.Run(() => Interlocked.Increment(ref counter));
Task.WaitAll(many);
Console.WriteLine($"work items run: {counter}");

Console.WriteLine($"failures: {failures}");
return failures;

static async Task<int> Chain(int depth)
{
    if (depth == 0)
        return 0;
    await Task.Delay(1);
    return depth + await Chain(depth - 1);
}
