// Exception filters (catch ... when) and finally blocks: which handler runs, in which order (filters
// run during the first pass, before inner finally blocks), finally on normal and exceptional exits,
// filters that throw, and values that filters and finally blocks see and change.
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

class Program
{
    static readonly List<string> s_log = new();

    static bool Log(string entry, bool result = true)
    {
        s_log.Add(entry);
        return result;
    }

    static void Flush(string title)
    {
        Console.WriteLine($"{title}: {string.Join(" > ", s_log)}");
        s_log.Clear();
    }

    static int Main()
    {
        // A false filter passes the exception on; the next matching clause takes it.
        try
        {
            Fail(7);
        }
        catch (InvalidOperationException e) when (Log($"filter code={e.HResult & 0xFF}", (e.HResult & 0xFF) == 8))
        {
            Log("wrong handler");
        }
        catch (InvalidOperationException e) when (Log("second filter", e.Message == "code 7"))
        {
            Log("right handler");
        }
        Flush("filter selection");

        // Two passes: the outer filter runs before the inner finally, the handler after it.
        try
        {
            try
            {
                Log("try");
                Fail(1);
            }
            finally
            {
                Log("inner finally");
            }
        }
        catch (Exception) when (Log("outer filter"))
        {
            Log("outer catch");
        }
        finally
        {
            Log("outer finally");
        }
        Flush("two passes");

        // Finally blocks on every kind of exit, innermost first.
        Log($"returned {FinallyOnReturn()}");
        for (int i = 0; i < 3; i++)
        {
            try
            {
                if (i == 1)
                    continue;
                if (i == 2)
                    break;
                Log($"body {i}");
            }
            finally
            {
                Log($"finally {i}");
            }
        }
        Flush("normal exits");

        // Finally blocks across several frames during unwinding.
        try
        {
            Nested(3);
        }
        catch (ArithmeticException e)
        {
            Log($"caught {e.GetType().Name}");
        }
        Flush("unwinding");

        // A filter that throws counts as false; its exception is swallowed.
        try
        {
            try
            {
                Fail(2);
            }
            catch (Exception) when (ThrowingFilter())
            {
                Log("unreachable");
            }
        }
        catch (InvalidOperationException e)
        {
            Log($"outer got {e.Message}");
        }
        Flush("throwing filter");

        // Filters and finally blocks read and write the method's locals.
        int counter = 10;
        string seen = "";
        try
        {
            try
            {
                counter++;
                Fail(counter);
            }
            catch (InvalidOperationException e) when ((seen = e.Message) != null && counter++ == 11)
            {
                counter *= 2;
            }
            finally
            {
                counter += 100;
            }
        }
        catch
        {
            counter = -1;
        }
        Console.WriteLine($"locals: counter {counter}, seen '{seen}'");

        // A filter on a different frame than the throw sees the live exception.
        try
        {
            ThrowWithData("payload");
        }
        catch (Exception e) when (e.Data["key"] is string s && Log("data " + s))
        {
            Log("handled");
        }
        Flush("exception data");

        // Exceptions thrown and caught inside a finally during unwinding do not disturb it.
        try
        {
            try
            {
                Fail(3);
            }
            finally
            {
                try
                {
                    Fail(4);
                }
                catch (InvalidOperationException e)
                {
                    Log($"finally caught {e.Message}");
                }
            }
        }
        catch (InvalidOperationException e)
        {
            Log($"outer caught {e.Message}");
        }
        Flush("catch inside finally");

        bool ok = counter == 124 && seen == "code 11";
        Console.WriteLine(ok ? "done" : "unexpected locals");
        return ok ? 0 : 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Fail(int code) => throw new InvalidOperationException($"code {code}") { HResult = unchecked((int)0x80131500) | code };

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int FinallyOnReturn()
    {
        try
        {
            Log("returning");
            return 5;
        }
        finally
        {
            Log("finally after return");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Nested(int depth)
    {
        try
        {
            if (depth == 0)
                return 1 / Zero();
            return Nested(depth - 1);
        }
        finally
        {
            Log($"finally depth {depth}");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Zero() => throw new ArithmeticException("zero");

    [MethodImpl(MethodImplOptions.NoInlining)]
    static bool ThrowingFilter()
    {
        Log("filter throws");
        throw new NotImplementedException();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void ThrowWithData(string value)
    {
        var e = new Exception("with data");
        e.Data["key"] = value;
        throw e;
    }
}
