// Async state machines with deterministic ordering: everything runs on one thread under a
// single-threaded SynchronizationContext pump (FIFO), with no timers or thread-pool work, so the
// interleaving is fixed. Checked: async methods that complete synchronously (no await, await of
// completed Task/ValueTask/FromResult), the order of side effects around awaits, async Task,
// Task<T>, ValueTask and ValueTask<T>; exceptions thrown before/after the first await being stored
// in the task and rethrown by await with their original type (Task.Exception an aggregate);
// cancellation giving a Canceled task; try/catch/finally and `using`/`await using` spanning
// awaits; async local functions and lambdas; custom awaitables; TaskCompletionSource-driven
// resumption; interleaving of coroutines via Task.Yield; async iterators (await foreach) with
// finally on early break; deep async recursion; locals of many types preserved across awaits.
// Exit status = failed checks.
int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}
var log = new List<string>();
string Log() { var s = string.Join(",", log); log.Clear(); return s; }

// Synchronous completion.
var t0 = NoAwait(log);
Check("no-await method completes synchronously", (t0.IsCompletedSuccessfully, t0.Result, Log()), (true, 5, "body"));
var t1 = AwaitCompleted(log);
Check("await of completed tasks stays synchronous", (t1.IsCompletedSuccessfully, t1.Result, Log()), (true, 6, "a,b,c,d"));
var vt = ValueSync(3);
Check("ValueTask<T> synchronous", (vt.IsCompletedSuccessfully, vt.Result), (true, 9));

// Exceptions are stored in the task.
var faultEarly = ThrowsBeforeAwait();
Check("throw before await does not throw at call", faultEarly.IsFaulted, true);
Check("Task.Exception is aggregate of original", faultEarly.Exception!.InnerExceptions.Single().GetType().Name, "InvalidOperationException");
var tcs = new TaskCompletionSource<int>();
var faultLate = ThrowsAfterAwait(tcs.Task, log);
Check("pending before TCS completes", (faultLate.IsCompleted, Log()), (false, "before"));
tcs.SetResult(1);
Check("faulted after resume", (faultLate.IsFaulted, Log()), (true, "after 1"));
Check("await rethrows original type", Pump.Run(async () =>
{
    try { await faultLate; return "no throw"; }
    catch (ArgumentException e) { return "ArgumentException " + e.ParamName; }
}), "ArgumentException late");
var canceled = CancelMe(new CancellationToken(true));
Check("cancellation yields Canceled task", (canceled.IsCanceled, canceled.Status), (true, TaskStatus.Canceled));
Check("await canceled rethrows the stored OperationCanceledException", Pump.Run(async () =>
{
    try { await canceled; return "none"; }
    catch (OperationCanceledException e) { return e.GetType().Name; }
}), "OperationCanceledException");

// Ordering with a TaskCompletionSource driving resumption.
var gate = new TaskCompletionSource();
var stepper = Stepper(gate.Task, log);
log.Add("caller continues");
gate.SetResult();
log.Add("after SetResult");
Check("inline continuation order", Log(), "step1,caller continues,step2,finally,after SetResult");
Check("stepper result", stepper.Result, "done");

// Coroutines interleaved with Task.Yield under the pump.
Check("interleaving via Yield", Pump.Run(async () =>
{
    var order = new List<string>();
    async Task Worker(string name, int n)
    {
        for (int i = 0; i < n; i++) { order.Add(name + i); await Task.Yield(); }
    }
    await Task.WhenAll(Worker("a", 3), Worker("b", 2), Worker("c", 1));
    return string.Join(" ", order);
}), "a0 b0 c0 a1 b1 a2");

// try/finally and async disposal across awaits.
Check("try/catch/finally across Yield", Pump.Run(async () =>
{
    var steps = new List<string>();
    try
    {
        steps.Add("try");
        await Task.Yield();
        await using (var res = new AsyncResource(steps))
        {
            using var sync = new SyncResource(steps);
            await Task.Yield();
            steps.Add("body");
            throw new FormatException("x");
        }
    }
    catch (FormatException) { steps.Add("catch"); await Task.Yield(); steps.Add("catch-resumed"); }
    finally { steps.Add("finally"); }
    return string.Join(",", steps);
}), "try,body,sync-dispose,async-dispose-start,async-dispose-end,catch,catch-resumed,finally");

// Async lambdas, local functions, ValueTask results.
Func<int, Task<int>> doubler = async x => { await Task.Yield(); return x * 2; };
async ValueTask<string> LocalVt(string s) { await Task.Yield(); return s + "!"; }
Check("async lambda + local function", Pump.Run(async () => (await doubler(21)) + ":" + await LocalVt("hi")), "42:hi!");

// Custom awaitable.
var manual = new ManualAwaitable();
var usingCustom = AwaitCustom(manual, log);
Check("custom awaiter suspended", (usingCustom.IsCompleted, Log()), (false, "before custom"));
manual.Complete(99);
Check("custom awaiter resumed", (usingCustom.Result, Log()), (100, "after custom 99"));
Check("custom awaiter already complete", AwaitCustom(ManualAwaitable.Completed(1), log).Result, 2);
Log();

// Async iterators.
Check("await foreach", Pump.Run(async () =>
{
    var got = new List<int>();
    await foreach (var x in Produce(5, log)) got.Add(x);
    return string.Join("", got) + "|" + Log();
}), "01234|p-start,p-finally");
Check("await foreach break runs finally", Pump.Run(async () =>
{
    await foreach (var x in Produce(100, log)) if (x == 2) break;
    return Log();
}), "p-start,p-finally");

// Deep recursion, synchronous and suspended.
Check("deep async recursion (sync)", SumDown(2000).Result, 2001000L);
Check("deep async recursion (yielding)", Pump.Run(() => SumDownYield(300)), 45150L);

// Locals of many types survive suspension.
Check("locals across awaits", Pump.Run(LocalsAcross), "7|3000000000|2.5|1.25|text|(1, two)|S{4}|True|Z");

// WhenAll aggregation of failures (all on the pump).
Check("WhenAll with failures", Pump.Run(async () =>
{
    var all = Task.WhenAll(FailAfterYield("x"), FailAfterYield("y"), Task.CompletedTask);
    try { await all; return "none"; }
    catch (Exception e) { return e.Message + "/" + string.Join(",", all.Exception!.InnerExceptions.Select(i => i.Message)); }
}), "x/x,y");

Console.WriteLine($"failed {failed}");
return failed;

static async Task<int> NoAwait(List<string> log) { log.Add("body"); return 5; }
static async Task<int> AwaitCompleted(List<string> log)
{
    log.Add("a");
    await Task.CompletedTask;
    log.Add("b");
    int x = await Task.FromResult(2);
    log.Add("c");
    await new ValueTask();
    int y = await new ValueTask<int>(4);
    log.Add("d");
    return x + y;
}
static async ValueTask<int> ValueSync(int x) { await Task.CompletedTask; return x * x; }
static async Task ThrowsBeforeAwait() { throw new InvalidOperationException("early"); }
static async Task ThrowsAfterAwait(Task<int> gate, List<string> log)
{
    log.Add("before");
    int v = await gate;
    log.Add("after " + v);
    throw new ArgumentException("late error", "late");
}
static async Task CancelMe(CancellationToken token) { token.ThrowIfCancellationRequested(); await Task.Yield(); }
static async Task<string> Stepper(Task gate, List<string> log)
{
    try
    {
        log.Add("step1");
        await gate;
        log.Add("step2");
        return "done";
    }
    finally { log.Add("finally"); }
}
static async Task<int> AwaitCustom(ManualAwaitable m, List<string> log)
{
    log.Add("before custom");
    int v = await m;
    log.Add("after custom " + v);
    return v + 1;
}
static async IAsyncEnumerable<int> Produce(int n, List<string> log)
{
    log.Add("p-start");
    try
    {
        for (int i = 0; i < n; i++)
        {
            if (i % 2 == 1) await Task.Yield();
            yield return i;
        }
    }
    finally { log.Add("p-finally"); }
}
static async Task<long> SumDown(int n) => n == 0 ? 0 : n + await SumDown(n - 1);
static async Task<long> SumDownYield(int n)
{
    if (n == 0) return 0;
    if (n % 10 == 0) await Task.Yield();
    return n + await SumDownYield(n - 1);
}
static async Task<string> LocalsAcross()
{
    int i = 7; long l = 3_000_000_000; double d = 2.5; decimal m = 1.25m; string s = "text";
    (int, string) tuple = (1, "two"); var st = new S(4); bool b = true; char c = 'Z';
    await Task.Yield();
    GC.Collect();
    await Task.Yield();
    return $"{i}|{l}|{d}|{m}|{s}|{tuple}|{st}|{b}|{c}";
}
static async Task FailAfterYield(string message) { await Task.Yield(); throw new InvalidOperationException(message); }

readonly record struct S(int V) { public override string ToString() => $"S{{{V}}}"; }

sealed class AsyncResource(List<string> steps) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() { steps.Add("async-dispose-start"); await Task.Yield(); steps.Add("async-dispose-end"); }
}
sealed class SyncResource(List<string> steps) : IDisposable { public void Dispose() => steps.Add("sync-dispose"); }

sealed class ManualAwaitable
{
    private Action? _continuation;
    private int _value;
    private bool _done;
    public static ManualAwaitable Completed(int v) => new() { _value = v, _done = true };
    public void Complete(int v) { _value = v; _done = true; var c = _continuation; _continuation = null; c?.Invoke(); }
    public Awaiter GetAwaiter() => new(this);
    public readonly struct Awaiter(ManualAwaitable owner) : System.Runtime.CompilerServices.INotifyCompletion
    {
        public bool IsCompleted => owner._done;
        public int GetResult() => owner._value;
        public void OnCompleted(Action continuation) => owner._continuation = continuation;
    }
}

/// <summary>Runs async code on the calling thread: a FIFO queue of posted continuations.</summary>
sealed class Pump : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback, object?)> _queue = new();
    public override void Post(SendOrPostCallback d, object? state) { lock (_queue) _queue.Enqueue((d, state)); }
    public static T Run<T>(Func<Task<T>> body)
    {
        var previous = Current;
        var pump = new Pump();
        SetSynchronizationContext(pump);
        try
        {
            var task = body();
            while (!task.IsCompleted)
            {
                (SendOrPostCallback, object?) item;
                lock (pump._queue)
                {
                    if (pump._queue.Count == 0) throw new InvalidOperationException("pump ran dry: work escaped the context");
                    item = pump._queue.Dequeue();
                }
                item.Item1(item.Item2);
            }
            return task.GetAwaiter().GetResult();
        }
        finally { SetSynchronizationContext(previous); }
    }
}
