// Exception.StackTrace and Environment.StackTrace name the right methods, in order: nested calls,
// generic code, lambdas, hardware faults, rethrow across frames, exceptions thrown from handlers,
// filters (which run before the stack unwinds), static constructors and deep recursion. Only the
// program's own frames are printed, as "Type.Method", because host .NET adds file and line numbers
// where NativeAOT prints code offsets, and the runtime's own frames differ between the two.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

class Program
{
    static int Main()
    {
        // Each action returns a value after its call, so that no call is a tail call (the JIT may
        // drop a frame that ends in one, and host .NET's first-tier code never does).
        Report("nested calls", () => { Outer(); return null; });
        Report("generic method", () => { Generic<string>.Throw("text"); return null; });
        Report("generic method, value type", () => { Generic<int>.Throw(5); return null; });
        Report("lambda", () => { Func<int, int> divide = x => 10 / x; return divide(Zero()); });
        Report("null dereference", () => NullDeref(null!));
        Report("division by zero", () => Divide(1, Zero()));
        Report("rethrow in another frame", () => { RethrowElsewhere(); return null; });
        Report("thrown from a catch block", () => { ThrowFromCatch(); return null; });
        Report("through LINQ", () => new[] { 1, 2, 0 }.Select(Invert).ToList().Count);
        Report("static constructor", () => Broken.Value, inner: true);
        Report("caught inside a finally", () => { CatchInFinally(); return null; });

        try
        {
            Recurse(40);
        }
        catch (Exception e)
        {
            Console.WriteLine($"recursion: {Frames(e.StackTrace).Count(f => f == "Program.Recurse")} Recurse frames");
        }

        Console.WriteLine($"environment: {string.Join(" < ", Frames(Here()))}");
        try
        {
            Outer();
        }
        catch (Exception) when (Filter())
        {
        }
        try
        {
            Outer();
        }
        catch
        {
            Console.WriteLine($"environment in catch: {string.Join(" < ", Frames(Here()))}");
        }
        return 0;
    }

    static void Report(string title, Func<object?> action, bool inner = false)
    {
        try
        {
            action();
            Console.WriteLine($"{title}: no exception");
        }
        catch (Exception e)
        {
            Exception reported = inner ? e.InnerException! : e;
            Console.WriteLine($"{title}: {reported.GetType().Name} at {string.Join(" < ", Frames(reported.StackTrace))}");
        }
    }

    /// <summary>"Type.Method" of each frame of the program's own code, innermost first.</summary>
    static List<string> Frames(string? stackTrace)
    {
        var frames = new List<string>();
        foreach (var line in (stackTrace ?? "").Split('\n'))
        {
            string text = line.Trim();
            if (!text.StartsWith("at "))
                continue;
            int parenthesis = text.IndexOf('(');
            string method = parenthesis < 0 ? text[3..] : text[3..parenthesis];
            if (method.StartsWith("Program.") && !method.StartsWith("Program.<>c__DisplayClass") && method != "Program.Report")
                frames.Add(method);
        }
        return frames;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static string Here() => Environment.StackTrace;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static bool Filter()
    {
        Console.WriteLine($"environment in filter: {string.Join(" < ", Frames(Here()))}");
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)] static void Outer() => Middle(1);
    [MethodImpl(MethodImplOptions.NoInlining)] static void Middle(int x) => Inner(x, "s");
    [MethodImpl(MethodImplOptions.NoInlining)] static void Inner(int x, string s) => throw new InvalidOperationException(s + x);
    [MethodImpl(MethodImplOptions.NoInlining)] static int Zero() => 0;
    [MethodImpl(MethodImplOptions.NoInlining)] static int NullDeref(string s) => s.Length;
    [MethodImpl(MethodImplOptions.NoInlining)] static int Divide(int a, int b) => a / b;
    [MethodImpl(MethodImplOptions.NoInlining)] static int Invert(int x) => 100 / x;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void RethrowElsewhere()
    {
        try
        {
            Outer();
        }
        catch
        {
            Rethrow();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Rethrow()
    {
        try
        {
            Middle(2);
        }
        catch
        {
            throw;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void ThrowFromCatch()
    {
        try
        {
            Outer();
        }
        catch (Exception e)
        {
            throw new ApplicationException("wrapped", e);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void CatchInFinally()
    {
        try
        {
            Outer();
        }
        finally
        {
            try
            {
                Middle(3);
            }
            catch (Exception e)
            {
                Console.WriteLine($"inside finally: {string.Join(" < ", Frames(e.StackTrace))}");
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Recurse(int depth) => depth == 0 ? throw new StackOverflowException("not really") : Recurse(depth - 1) + 1;

    static class Generic<T>
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Throw(T value) => throw new ArgumentException(value?.ToString());
    }

    static class Broken
    {
        public static readonly int Value = Fail();

        [MethodImpl(MethodImplOptions.NoInlining)]
        static int Fail() => throw new NotSupportedException();
    }
}
