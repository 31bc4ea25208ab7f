// lock, Monitor.Wait/Pulse/PulseAll: a bounded buffer, strict turn-taking between two threads,
// contended increments, and timed waits. The exit status is the number of failed checks.
using System.Threading;

int failures = 0;
void Check(string what, bool ok)
{
    Console.WriteLine($"{what}: {(ok ? "ok" : "FAIL")}");
    if (!ok)
        failures++;
}

// Bounded buffer: one producer, one consumer, capacity 3, items must arrive in order.
var buffer = new BoundedBuffer(3);
var received = new List<int>();
var consumer = new Thread(() =>
{
    while (true)
    {
        int item = buffer.Take();
        if (item < 0)
            break;
        received.Add(item);
    }
});
consumer.Start();
for (int i = 0; i < 200; i++)
    buffer.Add(i);
buffer.Add(-1);
consumer.Join();
Check("200 items through a 3-slot buffer, in order", received.SequenceEqual(Enumerable.Range(0, 200)));
Check("the buffer never held more than its capacity", buffer.MaxCount <= 3);

// Ping-pong: two threads take strict turns under one lock, so the transcript is deterministic.
var turnLock = new object();
int turn = 0;
var transcript = new List<string>();
Thread Player(int me, string word) => new(() =>
{
    for (int round = 0; round < 5; round++)
    {
        lock (turnLock)
        {
            while (turn != me)
                Monitor.Wait(turnLock);
            transcript.Add($"{word}{round}");
            turn = 1 - me;
            Monitor.PulseAll(turnLock);
        }
    }
});
var ping = Player(0, "ping");
var pong = Player(1, "pong");
pong.Start();
ping.Start();
ping.Join();
pong.Join();
Console.WriteLine(string.Join(" ", transcript));

// Contended lock: 8 threads, 20000 increments each.
var counterLock = new object();
long counter = 0;
var workers = NewThreads(8, _ =>
{
    for (int i = 0; i < 20_000; i++)
    {
        lock (counterLock)
            counter++;
    }
});
foreach (var w in workers)
    w.Start();
foreach (var w in workers)
    w.Join();
Console.WriteLine($"counter under lock: {counter}");
Check("no increment lost", counter == 160_000);

// Wait with a timeout and nobody to pulse: returns false, still holding the lock.
var lonely = new object();
bool pulsed;
lock (lonely)
{
    pulsed = Monitor.Wait(lonely, 50);
    Check("Monitor.Wait(50) without a pulse returns false", !pulsed);
    Check("the lock is held again after the wait", Monitor.IsEntered(lonely));
}

// PulseAll wakes every waiter.
var herd = new object();
int waitingCount = 0, woken = 0;
var sleepers = NewThreads(5, _ =>
{
    lock (herd)
    {
        waitingCount++;
        Monitor.Wait(herd);
        woken++;
    }
});
foreach (var s in sleepers)
    s.Start();
while (Volatile.Read(ref waitingCount) < 5)
    Thread.Sleep(1);
lock (herd)
    Monitor.PulseAll(herd);
foreach (var s in sleepers)
    s.Join();
Console.WriteLine($"woken by PulseAll: {woken}");

// Monitor.TryEnter with a timeout fails while another thread holds the lock.
var held = new object();
var holding = new ManualResetEventSlim();
var release = new ManualResetEventSlim();
var holder = new Thread(() =>
{
    lock (held)
    {
        holding.Set();
        release.Wait();
    }
});
holder.Start();
holding.Wait();
bool entered = Monitor.TryEnter(held, 30);
Check("TryEnter(30) on a held lock fails", !entered);
release.Set();
holder.Join();
entered = Monitor.TryEnter(held, 1000);
Check("TryEnter succeeds once released", entered);
if (entered)
    Monitor.Exit(held);

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

sealed class BoundedBuffer(int capacity)
{
    private readonly Queue<int> _items = new();
    public int MaxCount { get; private set; }

    public void Add(int item)
    {
        lock (_items)
        {
            while (_items.Count == capacity)
                Monitor.Wait(_items);
            _items.Enqueue(item);
            MaxCount = Math.Max(MaxCount, _items.Count);
            Monitor.PulseAll(_items);
        }
    }

    public int Take()
    {
        lock (_items)
        {
            while (_items.Count == 0)
                Monitor.Wait(_items);
            int item = _items.Dequeue();
            Monitor.PulseAll(_items);
            return item;
        }
    }
}
