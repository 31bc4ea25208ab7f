// Clocks: Stopwatch and Environment.TickCount64 are monotonic and measure sleeps; DateTime.UtcNow is
// a plausible date that advances. Prints facts, never clock values, so host and image agree.
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

Console.WriteLine($"Stopwatch.Frequency: {Stopwatch.Frequency}");
Console.WriteLine($"Stopwatch.IsHighResolution: {Stopwatch.IsHighResolution}");

// Monotonic over many consecutive reads.
long previous = Stopwatch.GetTimestamp();
bool monotonic = true;
for (int i = 0; i < 100_000; i++)
{
    long now = Stopwatch.GetTimestamp();
    if (now < previous)
        monotonic = false;
    previous = now;
}
Check("Stopwatch.GetTimestamp never goes backwards", monotonic);

long tickPrevious = Environment.TickCount64;
bool tickMonotonic = true;
for (int i = 0; i < 10_000; i++)
{
    long now = Environment.TickCount64;
    if (now < tickPrevious)
        tickMonotonic = false;
    tickPrevious = now;
}
Check("Environment.TickCount64 never goes backwards", tickMonotonic);

// A sleep measured three ways.
var stopwatch = Stopwatch.StartNew();
long tickBefore = Environment.TickCount64;
DateTime utcBefore = DateTime.UtcNow;
Thread.Sleep(250);
TimeSpan measured = stopwatch.Elapsed;
long tickDelta = Environment.TickCount64 - tickBefore;
TimeSpan utcDelta = DateTime.UtcNow - utcBefore;
Check("Stopwatch measures at least the 250 ms slept", measured.TotalMilliseconds >= 250);
Check("Stopwatch measures a plausible sleep (under 10 s)", measured.TotalSeconds < 10);
Check("TickCount64 advances by about the sleep", tickDelta >= 240);   // the host's coarse clock ticks in a few ms
Check("UtcNow advances by about the sleep", utcDelta.TotalMilliseconds >= 240 && utcDelta.TotalSeconds < 10);

// Elapsed time grows while running and stops when stopped.
var sw = Stopwatch.StartNew();
Thread.Sleep(20);
sw.Stop();
TimeSpan stopped = sw.Elapsed;
Thread.Sleep(20);
Check("a stopped Stopwatch does not advance", sw.Elapsed == stopped);

// UtcNow: a plausible date, UTC. (DateTimeOffset and DateTime.Now would consult the local time zone,
// which needs the file system: not this test.)
DateTime utc = DateTime.UtcNow;
Check("UtcNow.Kind is Utc", utc.Kind == DateTimeKind.Utc);
Check("UtcNow's year is plausible (2024-2100)", utc.Year >= 2024 && utc.Year <= 2100);
double unixSeconds = (utc - DateTime.UnixEpoch).TotalSeconds;
Check("UtcNow as Unix time is after 2024-01-01", unixSeconds > 1_704_067_200);
DateTime later = DateTime.UtcNow;
Check("UtcNow does not go backwards between reads", later >= utc);

Console.WriteLine($"failures: {failures}");
return failures;
