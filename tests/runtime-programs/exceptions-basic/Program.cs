// Throw and catch: by exact type, by base type, catch-all, across frames, the exception object's
// identity and message, and execution continuing correctly after each catch.
using System;
using System.Runtime.CompilerServices;

class Program
{
    sealed class CustomException : Exception
    {
        public CustomException(string message, int code) : base(message) => Code = code;
        public int Code { get; }
    }

    static int Main()
    {
        int passed = 0;

        try
        {
            throw new InvalidOperationException("direct");
        }
        catch (InvalidOperationException e)
        {
            Console.WriteLine($"caught {e.GetType().Name}: {e.Message}");
            passed++;
        }

        try
        {
            Thrower(3);
        }
        catch (ArgumentException e)
        {
            Console.WriteLine($"caught {e.GetType().Name} via base type, param {e.ParamName}: {e.Message.StartsWith("level 3")}");
            passed++;
        }

        var original = new CustomException("custom", 42);
        try
        {
            ThrowThis(original);
        }
        catch (CustomException e)
        {
            Console.WriteLine($"same object: {ReferenceEquals(e, original)}, code {e.Code}");
            passed++;
        }

        try
        {
            ThrowThis(new NotSupportedException("any"));
        }
        catch
        {
            Console.WriteLine("caught by catch-all");
            passed++;
        }

        // Locals live across the throw keep their values in the handler and after it.
        int before = 17;
        long sum = 0;
        for (int i = 0; i < 5; i++)
        {
            try
            {
                sum += i;
                if (i % 2 == 1)
                    ThrowThis(new Exception("odd " + i));
                sum += 100;
            }
            catch (Exception e)
            {
                sum += e.Message.Length;
            }
        }
        Console.WriteLine($"loop sum {sum}, before {before}");
        if (sum == 0 + 1 + 2 + 3 + 4 + 300 + 5 + 5)
            passed++;

        // Throwing null raises NullReferenceException.
        try
        {
            ThrowThis(null!);
        }
        catch (NullReferenceException)
        {
            Console.WriteLine("throw null gave NullReferenceException");
            passed++;
        }

        // Many throws in a row: nothing leaks or accumulates.
        int caught = 0;
        for (int i = 0; i < 2000; i++)
        {
            try
            {
                Deep(i % 20, i);
            }
            catch (IndexOutOfRangeException e) when (e.Data.Count == 0)
            {
                caught++;
            }
        }
        Console.WriteLine($"caught {caught} of 2000");
        if (caught == 2000)
            passed++;

        Console.WriteLine($"passed {passed} of 7");
        return passed == 7 ? 0 : 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Thrower(int level)
    {
        if (level == 0)
            throw new ArgumentOutOfRangeException("level", "level 3 reached the bottom");
        Thrower(level - 1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void ThrowThis(Exception e) => throw e;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Deep(int depth, int value)
    {
        if (depth == 0)
            throw new IndexOutOfRangeException();
        return Deep(depth - 1, value) + 1;
    }
}
