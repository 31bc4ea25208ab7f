// SemaphoreSlim (sync and async waits, timeouts, bounded concurrency), ManualResetEventSlim (gates,
// timed waits, reset) and CountdownEvent. The exit status is the number of failed checks.
using System.Threading;

int failures = 0;
void Check(string what, bool ok)
{
    Console.WriteLine($"{what}: {(ok ? "ok" : "FAIL")}");
    if (!ok)
        failures++;
}

// At most 2 of 8 workers inside the section at once.
var semaphore = new SemaphoreSlim(2, 2);
int inside = 0, maxInside = 0, completed = 0;
var workers = NewThreads(8, _ =>
{
    for (int round = 0; round < 5; round++)
    {
        semaphore.Wait();
        int now = Interlocked.Increment(ref inside);
        int seen;
        while ((seen = Volatile.Read(ref maxInside)) < now && Interlocked.CompareExchange(ref maxInside, now, seen) != seen)
        {
        }
        Thread.Sleep(2);
        Interlocked.Decrement(ref inside);
        semaphore.Release();
    }
    Interlocked.Increment(ref completed);
});
foreach (var w in workers)
    w.Start();
foreach (var w in workers)
    w.Join();
Console.WriteLine($"workers completed: {completed}, semaphore count after: {semaphore.CurrentCount}");
Check("never more than 2 inside", maxInside >= 1 && maxInside <= 2);

// Timed waits.
var empty = new SemaphoreSlim(0);
Check("Wait(30) on an empty semaphore times out", !empty.Wait(30));
var releaser = new Thread(() => { Thread.Sleep(20); empty.Release(3); });
releaser.Start();
Check("Wait(5000) is released by another thread", empty.Wait(5000));
releaser.Join();
Console.WriteLine($"count left after one wait: {empty.CurrentCount}");

// WaitAsync completes when released.
var asyncSemaphore = new SemaphoreSlim(0);
Task<bool> pending = asyncSemaphore.WaitAsync(5000);
Check("WaitAsync is pending before Release", !pending.IsCompleted);
asyncSemaphore.Release();
Check("WaitAsync then succeeds", pending.GetAwaiter().GetResult());

// ManualResetEventSlim as a start gate for several threads.
var gate = new ManualResetEventSlim(false);
int passed = 0;
var runners = NewThreads(4, _ =>
{
    gate.Wait();
    Interlocked.Increment(ref passed);
});
foreach (var r in runners)
    r.Start();
Thread.Sleep(30);
Check("nobody passes a closed gate", Volatile.Read(ref passed) == 0);
gate.Set();
foreach (var r in runners)
    r.Join();
Console.WriteLine($"passed the open gate: {passed}");
Check("IsSet after Set", gate.IsSet);
gate.Reset();
Check("Wait(25) after Reset times out", !gate.Wait(25));

// A signal from another thread while waiting with a timeout.
var signal = new ManualResetEventSlim();
var signaller = new Thread(() => { Thread.Sleep(15); signal.Set(); });
signaller.Start();
Check("Wait(5000) sees a Set from another thread", signal.Wait(5000));
signaller.Join();

// CountdownEvent.
using var countdown = new CountdownEvent(5);
for (int i = 0; i < 5; i++)
    new Thread(() => { Thread.Sleep(5); countdown.Signal(); }).Start();
Check("CountdownEvent reaches zero", countdown.Wait(5000));
Console.WriteLine($"countdown remaining: {countdown.CurrentCount}");

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
