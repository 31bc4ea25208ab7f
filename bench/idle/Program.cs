// Idle cost: `sleep S` blocks the only thread in Thread.Sleep for S seconds (every thread idle, so
// the kernel halts the CPU until the timer deadline); `spin S` keeps the CPU busy for S seconds, the
// reference for what a guest that never halts costs the host.
using System.Diagnostics;

string mode = args.Length > 0 ? args[0] : "sleep";
double seconds = args.Length > 1 && double.TryParse(args[1], out double s) ? s : 5;
var watch = Stopwatch.StartNew();
if (mode == "spin")
{
    ulong x = 1;
    while (watch.Elapsed.TotalSeconds < seconds)
        x = x * 6364136223846793005UL + 1442695040888963407UL;
    Console.WriteLine($"spun {watch.Elapsed.TotalSeconds:F2} s ({x & 1})");
}
else
{
    Thread.Sleep(TimeSpan.FromSeconds(seconds));
    Console.WriteLine($"slept {watch.Elapsed.TotalSeconds:F2} s");
}
return 0;
