// A thread that spins without ever blocking or yielding must not keep the others from running:
// on one CPU that needs preemption. The other threads sleep, wait, compute and finish while it spins;
// then the main thread stops it. The exit status is the number of failed checks.
using System.Diagnostics;
using System.Threading;

int failures = 0;
void Check(string what, bool ok)
{
    Console.WriteLine($"{what}: {(ok ? "ok" : "FAIL")}");
    if (!ok)
        failures++;
}

var spinning = new ManualResetEventSlim();
var busy = new Thread(() =>
{
    spinning.Set();
    Spinner.Spin();
}) { IsBackground = true };
busy.Start();
spinning.Wait();

// While it spins: a sleeper wakes on time, a worker computes, a timer fires, a task completes.
var stopwatch = Stopwatch.StartNew();
Thread.Sleep(50);
Check("the main thread's 50 ms sleep ends while another thread spins", stopwatch.ElapsedMilliseconds >= 50);

long primeCount = 0;
var worker = new Thread(() =>
{
    for (int n = 2; n < 20_000; n++)
    {
        bool prime = true;
        for (int d = 2; d * d <= n; d++)
        {
            if (n % d == 0)
            {
                prime = false;
                break;
            }
        }
        if (prime)
            primeCount++;
    }
});
worker.Start();
Check("a computing thread finishes beside the spinner", worker.Join(60_000));
Console.WriteLine($"primes below 20000: {primeCount}");

var timerFired = new ManualResetEventSlim();
using (new Timer(_ => timerFired.Set(), null, 30, Timeout.Infinite))
    Check("a timer fires beside the spinner", timerFired.Wait(60_000));

var task = Task.Run(() => "task result");
Check("a pool task completes beside the spinner", task.Wait(60_000));
Console.WriteLine(task.Result);

// Two spinners at once, and both are stopped.
var second = new Thread(Spinner.Spin) { IsBackground = true };
second.Start();
Thread.Sleep(30);
Volatile.Write(ref Spinner.Stop, true);
Check("the first spinner stops when told", busy.Join(60_000));
Check("the second spinner stops when told", second.Join(60_000));
Check("the spinners made progress", Volatile.Read(ref Spinner.Iterations) > 0);

Console.WriteLine($"failures: {failures}");
return failures;

static class Spinner
{
    public static bool Stop;
    public static long Iterations;

    // No calls, no allocation, no waits: only preemption takes the CPU away from this loop.
    public static void Spin()
    {
        while (!Volatile.Read(ref Stop))
            Iterations++;
    }
}
