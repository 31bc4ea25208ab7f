// Hundreds of short-lived threads, in waves: each thread's stack (1 MiB by default on Minnow) and
// TLS must be given back when it ends, or a 256 MiB machine runs out long before the last wave.
// The exit status is the number of failed checks.
using System.Threading;

const int Waves = 40;
const int ThreadsPerWave = 10;
long total = 0;
int finished = 0;
for (int wave = 0; wave < Waves; wave++)
{
    var threads = new Thread[ThreadsPerWave];
    for (int i = 0; i < ThreadsPerWave; i++)
    {
        int value = wave * ThreadsPerWave + i;
        threads[i] = new Thread(() =>
        {
            Interlocked.Add(ref total, value);
            Interlocked.Increment(ref finished);
        });
        threads[i].Start();
    }
    foreach (var t in threads)
        t.Join();
}
int count = Waves * ThreadsPerWave;
long expected = (long)count * (count - 1) / 2;
Console.WriteLine($"threads run: {finished}");
Console.WriteLine($"sum of their values: {total}");
int failures = (finished == count ? 0 : 1) + (total == expected ? 0 : 1);
Console.WriteLine($"failures: {failures}");
return failures;
