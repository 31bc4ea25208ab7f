// User-defined exception types: a three-level hierarchy caught by the most specific matching
// clause in source order, extra properties and Message overrides, HResult set by a subclass,
// InnerException chains built by wrapping at each layer and walked back (GetBaseException),
// Exception.Data entries (insertion order, value types and strings, mutation after catch),
// AggregateException: InnerExceptions order, Flatten of nested aggregates, Handle with a
// predicate (rethrowing the unhandled remainder), GetBaseException; ExceptionDispatchInfo
// rethrowing the same object; and generic exception types. Only messages the program wrote are
// printed (class-library message text differs in images: UseSystemResourceKeys).
// Exit status = failed checks.
using System.Runtime.ExceptionServices;

int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

// Most specific catch by hierarchy.
string Which(Exception toThrow)
{
    try { throw toThrow; }
    catch (DiskFullException e) { return $"DiskFull({e.FreeBytes})"; }
    catch (StorageException e) when (e.Device == "tape") { return "Storage(tape filter)"; }
    catch (StorageException e) { return $"Storage({e.Device})"; }
    catch (AppException e) { return $"App({e.Code})"; }
    catch (Exception e) { return $"Other({e.GetType().Name})"; }
}
Check("leaf", Which(new DiskFullException("sda", 12)), "DiskFull(12)");
Check("mid with filter", Which(new StorageException("x", "tape")), "Storage(tape filter)");
Check("mid", Which(new StorageException("x", "nvme")), "Storage(nvme)");
Check("root", Which(new AppException("x", 7)), "App(7)");
Check("unrelated", Which(new TimeoutException("t")), "Other(TimeoutException)");
Check("generic exception type", Which(new ValidationException<int>("v", 42)), "App(400)");

// Properties and overrides.
var disk = new DiskFullException("sdb", 0);
Check("Message override", disk.Message, "disk sdb is full (0 bytes free)");
Check("HResult from subclass", disk.HResult, unchecked((int)0x80070070));
Check("hidden Code through the base type", disk is AppException { Code: 500 }, true);
Check("new Code through the derived type", disk.Code, 507);
Check("generic payload", new ValidationException<string>("bad", "abc").Value, "abc");
Check("generic type name", new ValidationException<string>("bad", "abc").GetType().Name, "ValidationException`1");
Check("ToString-free message", new AppException("plain message", 1).Message, "plain message");

// Inner exception chains.
Exception chained = Catch(() => Service.Handle("order-17"))!;
var layers = new List<string>();
for (var e = chained; e is not null; e = e.InnerException)
    layers.Add($"{e.GetType().Name}:{e.Message}");
Check("chain layers", string.Join(" <- ", layers), "AppException:request order-17 failed <- StorageException:write failed on sdc <- DiskFullException:disk sdc is full (5 bytes free)");
Check("GetBaseException", chained.GetBaseException() is DiskFullException { FreeBytes: 5 }, true);
Check("inner of base is null", chained.GetBaseException().InnerException is null, true);

// Data.
var withData = new AppException("with data", 3);
withData.Data["user"] = "ann";
withData.Data["attempt"] = 2;
withData.Data["when"] = 123L;
Exception caughtData = Catch(() => throw withData)!;
caughtData.Data["attempt"] = (int)caughtData.Data["attempt"]! + 1;
caughtData.Data.Remove("when");
var entries = new List<string>();
foreach (System.Collections.DictionaryEntry d in caughtData.Data) entries.Add($"{d.Key}={d.Value}");
Check("Data entries in order", string.Join(",", entries), "user=ann,attempt=3");
Check("Data Contains", (caughtData.Data.Contains("user"), caughtData.Data.Contains("when")), (true, false));
Check("same object caught", ReferenceEquals(withData, caughtData), true);

// AggregateException.
var agg = new AggregateException("outer",
    new AppException("a1", 1),
    new AggregateException("inner", new StorageException("s1", "d1"), new AggregateException("deep", new DiskFullException("d2", 9))),
    new TimeoutException("t1"));
Check("InnerExceptions count", agg.InnerExceptions.Count, 3);
Check("InnerException is first", agg.InnerException?.Message, "a1");
var flat = agg.Flatten();
Check("Flatten order", string.Join(",", flat.InnerExceptions.Select(e => e.Message)), "a1,t1,s1,disk d2 is full (9 bytes free)");
Check("Flatten types", string.Join(",", flat.InnerExceptions.Select(e => e.GetType().Name)), "AppException,TimeoutException,StorageException,DiskFullException");
string handleResult;
try
{
    flat.Handle(e => e is AppException and not StorageException);
    handleResult = "all handled";
}
catch (AggregateException rest)
{
    handleResult = "rethrown: " + string.Join(",", rest.InnerExceptions.Select(e => e.GetType().Name));
}
Check("Handle rethrows the unhandled", handleResult, "rethrown: TimeoutException,StorageException,DiskFullException");
Check("Handle all", Catch(() => new AggregateException(new AppException("x", 1)).Handle(_ => true)) is null, true);
Check("GetBaseException of single-chain aggregate", new AggregateException(new AggregateException(new AppException("root", 1))).GetBaseException().Message, "root");
Check("aggregate message with custom text", new AggregateException("two", new Exception("p"), new Exception("q")).Message, "two (p) (q)");

// Rethrow keeps the object; ExceptionDispatchInfo rethrows the same object.
var original = new StorageException("orig", "d");
Exception? rethrown = Catch(() =>
{
    try { throw original; }
    catch (StorageException) { throw; }
});
Check("throw; keeps object", ReferenceEquals(rethrown, original), true);
ExceptionDispatchInfo? captured = null;
try { throw new AppException("captured", 9); }
catch (AppException e) { captured = ExceptionDispatchInfo.Capture(e); }
Exception? redispatched = Catch(() => captured!.Throw());
Check("ExceptionDispatchInfo rethrows same", ReferenceEquals(redispatched, captured!.SourceException), true);
Check("throw new with inner keeps inner identity", ReferenceEquals(Catch(() => throw new AppException("wrap", 1, original))!.InnerException, original), true);

// Exception thrown in finally replaces the in-flight one; exception in catch with inner.
Exception? replaced = Catch(() =>
{
    try { throw new AppException("first", 1); }
    finally { throw new StorageException("from finally", "f"); }
});
Check("finally exception replaces", replaced?.Message, "from finally");
Check("catch-then-wrap", Catch(() =>
{
    try { throw new DiskFullException("z", 1); }
    catch (DiskFullException e) { throw new AppException("wrapped in catch", 2, e); }
})?.InnerException?.GetType().Name, "DiskFullException");

// Many custom exceptions thrown and caught in a loop (allocation + unwinding churn).
int codes = 0;
for (int i = 0; i < 300; i++)
{
    try
    {
        if (i % 3 == 0) throw new DiskFullException("d" + i, i);
        if (i % 3 == 1) throw new StorageException("s" + i, "dev", new AppException("inner", i));
        throw new ValidationException<int>("v", i);
    }
    catch (StorageException e) when (e.InnerException is AppException a) { codes += a.Code; }
    catch (AppException e) { codes += e.Code; }
}
Check("loop of custom exceptions", codes, Enumerable.Range(0, 300).Sum(i => i % 3 == 0 ? 500 : i % 3 == 1 ? i : 400));

Console.WriteLine($"failed {failed}");
return failed;

static Exception? Catch(Action a) { try { a(); return null; } catch (Exception e) { return e; } }

class AppException : Exception
{
    public int Code { get; }
    public AppException(string message, int code, Exception? inner = null) : base(message, inner) => Code = code;
}

class StorageException : AppException
{
    public string Device { get; }
    public StorageException(string message, string device, Exception? inner = null) : base(message, 500, inner) => Device = device;
}

sealed class DiskFullException : StorageException
{
    public long FreeBytes { get; }
    public DiskFullException(string device, long free) : base("disk full", device)
    {
        FreeBytes = free;
        HResult = unchecked((int)0x80070070);
    }
    public override string Message => $"disk {Device} is full ({FreeBytes} bytes free)";
    public new int Code => 507;
}

sealed class ValidationException<T>(string message, T value) : AppException(message, 400)
{
    public T Value => value;
}

static class Service
{
    public static void Handle(string id)
    {
        try { Store("sdc"); }
        catch (StorageException e) { throw new AppException($"request {id} failed", 1, e); }
    }
    static void Store(string device)
    {
        try { Write(device); }
        catch (DiskFullException e) { throw new StorageException($"write failed on {device}", device, e); }
    }
    static void Write(string device) => throw new DiskFullException(device, 5);
}
