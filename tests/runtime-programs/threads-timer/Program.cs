// System.Threading.Timer: periodic callbacks, one-shot, Change, Dispose, and order by due time.
// The exit status is the number of failed checks.
using System.Diagnostics;
using System.Threading;

int failures = 0;
void Check(string what, bool ok)
{
    Console.WriteLine($"{what}: {(ok ? "ok" : "FAIL")}");
    if (!ok)
        failures++;
}

// Periodic: 5 ticks of 20 ms, then the callback stops the timer itself.
int ticks = 0;
var fifthTick = new ManualResetEventSlim();
var stopwatch = Stopwatch.StartNew();
Timer? periodic = null;
periodic = new Timer(_ =>
{
    if (Interlocked.Increment(ref ticks) == 5)
    {
        periodic!.Change(Timeout.Infinite, Timeout.Infinite);
        fifthTick.Set();
    }
}, null, 20, 20);
Check("five periodic ticks arrive", fifthTick.Wait(10_000));
long elapsed = stopwatch.ElapsedMilliseconds;
Check("five 20 ms periods take at least 90 ms", elapsed >= 90);
periodic.Dispose();
Check("at least five ticks counted", Volatile.Read(ref ticks) >= 5);

// One-shot with a state object.
var oneShotDone = new ManualResetEventSlim();
string? state = null;
using (var oneShot = new Timer(s => { state = (string?)s; oneShotDone.Set(); }, "payload", 30, Timeout.Infinite))
{
    Check("the one-shot timer fires", oneShotDone.Wait(10_000));
}
Console.WriteLine($"state passed to the callback: {state}");

// Timers fire in due-time order, whatever order they were created in.
var order = new List<int>();
var allFired = new CountdownEvent(3);
var timers = new List<Timer>();
foreach (int due in new[] { 150, 30, 90 })
{
    timers.Add(new Timer(_ =>
    {
        lock (order)
            order.Add(due);
        allFired.Signal();
    }, null, due, Timeout.Infinite));
}
Check("all three fire", allFired.Wait(10_000));
Console.WriteLine($"firing order: {string.Join(", ", order)}");
foreach (var t in timers)
    t.Dispose();

// Change moves a pending timer later; a disposed timer never fires.
int changedFired = 0;
var changed = new Timer(_ => Interlocked.Increment(ref changedFired), null, 40, Timeout.Infinite);
changed.Change(400, Timeout.Infinite);
Thread.Sleep(100);
Check("a timer moved from 40 ms to 400 ms has not fired at 100 ms", Volatile.Read(ref changedFired) == 0);
changed.Dispose();
int disposedFired = 0;
var disposed = new Timer(_ => Interlocked.Increment(ref disposedFired), null, 30, Timeout.Infinite);
disposed.Dispose();
Thread.Sleep(80);
Check("a disposed timer never fires", Volatile.Read(ref disposedFired) == 0);

Console.WriteLine($"failures: {failures}");
return failures;
