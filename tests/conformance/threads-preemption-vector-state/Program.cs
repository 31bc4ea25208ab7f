// Preemption must preserve every thread's full vector state: several threads keep running sums in
// 256-bit vector registers across long loops while the scheduler switches between them. A lost
// upper half (or any register) would show up as a wrong lane. The exit status is the number of
// failed checks.
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Threading;

const int ThreadCount = 4;
const int Rounds = 40;
const long StepsPerRound = 200_000;
var results = new Vector256<long>[ThreadCount];
var scalarResults = new double[ThreadCount];
var threads = new Thread[ThreadCount];
for (int t = 0; t < ThreadCount; t++)
{
    int id = t;
    threads[t] = new Thread(() =>
    {
        // Each lane gets its own increment, different per thread.
        var step = Vector256.Create(id + 1L, (id + 1L) * 10, (id + 1L) * 100, (id + 1L) * 1000);
        var sum = Vector256<long>.Zero;
        double scalar = 0;
        for (int round = 0; round < Rounds; round++)
        {
            sum = Accumulate(sum, step, StepsPerRound);
            scalar += id + 0.5;
        }
        results[id] = sum;
        scalarResults[id] = scalar;
    });
}
foreach (var t in threads)
    t.Start();
foreach (var t in threads)
    t.Join();

int failures = 0;
long total = Rounds * StepsPerRound;
for (int id = 0; id < ThreadCount; id++)
{
    long k = id + 1;
    var expected = Vector256.Create(k * total, k * 10 * total, k * 100 * total, k * 1000 * total);
    bool ok = results[id] == expected && scalarResults[id] == Rounds * (id + 0.5);
    Console.WriteLine($"thread {id}: {results[id]} {(ok ? "ok" : "FAIL")}");
    if (!ok)
        failures++;
}
Console.WriteLine($"Vector256 hardware accelerated: {Vector256.IsHardwareAccelerated}");
Console.WriteLine($"failures: {failures}");
return failures;

// Kept out of line so the sum lives in one vector register for the whole loop.
static Vector256<long> Accumulate(Vector256<long> sum, Vector256<long> step, long count)
{
    for (long i = 0; i < count; i++)
        sum += step;
    return sum;
}
