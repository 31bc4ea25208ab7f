// Rethrow and nesting: `throw;` keeps the exception object, `throw e` and new exceptions replace it,
// exceptions thrown from catch and finally blocks (including while another exception is unwinding),
// inner exceptions, ExceptionDispatchInfo, and try blocks nested in handlers several levels deep.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

class Program
{
    sealed class TracedException(string message, int id, Exception? inner = null) : Exception(message, inner)
    {
        public int Id { get; } = id;
    }

    static int s_nextId;

    static int Main()
    {
        int checks = 0, passed = 0;
        void Check(string what, bool ok)
        {
            checks++;
            if (ok)
                passed++;
            Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}");
        }

        // throw; rethrows the same object, through several frames.
        var original = new TracedException("first", ++s_nextId);
        try
        {
            RethrowAfterCatch(original, depth: 3);
        }
        catch (TracedException e)
        {
            Check($"rethrow keeps the object (id {e.Id})", ReferenceEquals(e, original));
        }

        // A catch that throws a new exception: the new one propagates, wrapping the first.
        try
        {
            WrapInCatch();
        }
        catch (ApplicationException e)
        {
            Check($"wrapped: {e.Message} <- {e.InnerException?.GetType().Name}", e.InnerException is FormatException);
        }

        // An exception thrown by a finally during unwinding replaces the one in flight.
        try
        {
            ReplaceInFinally();
        }
        catch (Exception e)
        {
            Check($"finally replaced it: {e.GetType().Name}", e is TimeoutException);
        }

        // Rethrow from a nested handler: the inner catch's exception, not the outer one.
        try
        {
            try
            {
                throw new TracedException("outer", ++s_nextId);
            }
            catch (TracedException outer)
            {
                try
                {
                    throw new TracedException("inner", ++s_nextId);
                }
                catch (TracedException)
                {
                    if (outer.Id > 0)
                        throw;
                }
            }
        }
        catch (TracedException e)
        {
            Check($"nested rethrow raised '{e.Message}'", e.Message == "inner");
        }

        // After an inner handler completes, rethrow in the outer handler raises the outer exception again.
        try
        {
            try
            {
                throw new TracedException("outer again", ++s_nextId);
            }
            catch (TracedException)
            {
                try
                {
                    Throw(new TracedException("inner again", ++s_nextId));
                }
                catch (TracedException)
                {
                }
                throw;
            }
        }
        catch (TracedException e)
        {
            Check($"outer rethrow after inner handled raised '{e.Message}'", e.Message == "outer again");
        }

        // ExceptionDispatchInfo rethrows a captured exception later, elsewhere.
        ExceptionDispatchInfo? captured = null;
        try
        {
            Throw(new TracedException("captured", ++s_nextId));
        }
        catch (TracedException e)
        {
            captured = ExceptionDispatchInfo.Capture(e);
        }
        try
        {
            captured!.Throw();
        }
        catch (TracedException e)
        {
            Check($"ExceptionDispatchInfo rethrew '{e.Message}'", ReferenceEquals(e, captured.SourceException));
        }

        // Deep nesting: handlers inside handlers inside finally blocks.
        string path = DeepNesting();
        Check($"deep nesting path {path}", path == "c1 c2 f2 c3 f1 end");

        // Collided unwind: an exception escapes a finally while another is being dispatched through
        // several frames; the outer frames' finally blocks still run exactly once.
        int finallyCount = 0;
        try
        {
            CollidedUnwind(ref finallyCount, 4);
        }
        catch (TracedException e)
        {
            Check($"collided unwind: '{e.Message}', {finallyCount} finally blocks", e.Message == "from finally" && finallyCount == 5);
        }

        // An exception escaping a catch funclet whose exception came from several frames down.
        try
        {
            CatchAndThrowNew(3);
        }
        catch (TracedException e)
        {
            Check($"thrown from catch: '{e.Message}' caused by {e.InnerException?.GetType().Name}", e.InnerException is DivideByZeroException);
        }

        Console.WriteLine($"{passed} of {checks} checks passed");
        return passed == checks ? 0 : 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Throw(Exception e) => throw e;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void RethrowAfterCatch(Exception e, int depth)
    {
        if (depth == 0)
            Throw(e);
        try
        {
            RethrowAfterCatch(e, depth - 1);
        }
        catch (TracedException)
        {
            throw;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void WrapInCatch()
    {
        try
        {
            int.Parse("not a number");
        }
        catch (FormatException e)
        {
            throw new ApplicationException("could not parse", e);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void ReplaceInFinally()
    {
        try
        {
            Throw(new InvalidOperationException("lost"));
        }
        finally
        {
            Throw(new TimeoutException("replacement"));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static string DeepNesting()
    {
        var path = new System.Text.StringBuilder();
        try
        {
            try
            {
                Throw(new Exception("1"));
            }
            catch
            {
                path.Append("c1 ");
                try
                {
                    try
                    {
                        Throw(new Exception("2"));
                    }
                    catch
                    {
                        path.Append("c2 ");
                        throw;
                    }
                    finally
                    {
                        path.Append("f2 ");
                    }
                }
                catch
                {
                    path.Append("c3 ");
                }
            }
            finally
            {
                path.Append("f1 ");
            }
        }
        catch
        {
            path.Append("unexpected ");
        }
        path.Append("end");
        return path.ToString();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void CollidedUnwind(ref int finallyCount, int depth)
    {
        try
        {
            if (depth == 0)
            {
                try
                {
                    Throw(new TracedException("original", ++s_nextId));
                }
                finally
                {
                    finallyCount++;
                    Throw(new TracedException("from finally", ++s_nextId));
                }
            }
            CollidedUnwind(ref finallyCount, depth - 1);
        }
        finally
        {
            if (depth > 0)
                finallyCount++;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int CatchAndThrowNew(int depth)
    {
        try
        {
            return Divide(depth, depth - depth);
        }
        catch (DivideByZeroException e)
        {
            throw new TracedException("wrapped", ++s_nextId, e);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Divide(int a, int b) => a / b;
}
