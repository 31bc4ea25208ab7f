// CPU faults that .NET turns into exceptions: null dereferences (field loads and stores, reference
// stores through the write barrier, virtual and interface calls, array length, string length) give
// NullReferenceException; integer division and remainder by zero give DivideByZeroException; and
// int.MinValue / -1 gives OverflowException. Each is caught, and the program goes on correctly.
using System;
using System.Runtime.CompilerServices;

class Program
{
    class Node
    {
        public int Value;
        public long Wide;
        public Node? Next;
        public string? Name;
        public virtual int Virtual() => Value;
    }

    sealed class DerivedNode : Node
    {
        public override int Virtual() => Value + 1;
    }

    interface ICounter
    {
        int Count();
    }

    sealed class Counter(int count) : ICounter
    {
        public int Count() => count;
    }

    sealed class OtherCounter : ICounter
    {
        public int Count() => -1;
    }

    sealed class ZeroCounter : ICounter
    {
        public int Count() => 0;
    }

    sealed class FixedCounter : ICounter
    {
        public int Count() => 10;
    }

    sealed class LengthCounter(string text) : ICounter
    {
        public int Count() => text.Length;
    }

    static int s_checks, s_passed;

    static void Expect<TException>(string what, Func<int> operation) where TException : Exception
    {
        s_checks++;
        string outcome;
        try
        {
            outcome = $"returned {operation()}";
        }
        catch (TException e)
        {
            outcome = e.GetType().Name;
            s_passed++;
        }
        catch (Exception e)
        {
            outcome = $"wrong exception {e.GetType().Name}";
        }
        Console.WriteLine($"{what}: {outcome}");
    }

    static int Main()
    {
        Console.WriteLine($"derived: {new DerivedNode().Virtual()}");
        ICounter[] counters = { new Counter(3), new OtherCounter(), new ZeroCounter(), new FixedCounter(), new LengthCounter("four") };
        int total = 0;
        foreach (var counter in counters)
            total += counter.Count();
        Console.WriteLine($"counters: {total}");
        Node? none = Nothing<Node>();
        int[]? noArray = Nothing<int[]>();
        string? noString = Nothing<string>();
        ICounter? noCounter = Nothing<ICounter>();

        Expect<NullReferenceException>("field load", () => none!.Value);
        Expect<NullReferenceException>("long field load", () => (int)none!.Wide);
        Expect<NullReferenceException>("field store", () => { none!.Value = 1; return 0; });
        Expect<NullReferenceException>("reference field store", () => { none!.Next = new Node(); return 0; });
        Expect<NullReferenceException>("string field store", () => { none!.Name = "x"; return 0; });
        Expect<NullReferenceException>("chained load", () => new Node().Next!.Value);
        Expect<NullReferenceException>("virtual call", () => none!.Virtual());
        Expect<NullReferenceException>("interface call", () => noCounter!.Count());
        Expect<NullReferenceException>("array length", () => noArray!.Length);
        Expect<NullReferenceException>("array element", () => noArray![3]);
        Expect<NullReferenceException>("array element store", () => { noArray![0] = 5; return 0; });
        Expect<NullReferenceException>("string length", () => noString!.Length);
        Expect<NullReferenceException>("unboxing null", () => (int)Nothing<object>()!);
        Expect<NullReferenceException>("deep in a callee", () => Depth(10, none));

        int zero = Zero();
        long longZero = zero;
        Expect<DivideByZeroException>("int division", () => 100 / zero);
        Expect<DivideByZeroException>("int remainder", () => 100 % zero);
        Expect<DivideByZeroException>("long division", () => (int)(100L / longZero));
        Expect<DivideByZeroException>("uint division", () => (int)(100u / (uint)zero));
        Expect<DivideByZeroException>("ulong remainder", () => (int)(100UL % (ulong)longZero));
        Expect<DivideByZeroException>("division in a callee", () => Divide(7, zero));
        Expect<OverflowException>("int.MinValue / -1", () => Divide(int.MinValue, MinusOne()));
        Expect<OverflowException>("long.MinValue / -1", () => (int)DivideLong(long.MinValue, MinusOne()));

        // A fault inside a try with a finally in the same method: both the finally and the handler run.
        string order = "";
        try
        {
            try
            {
                order += "try ";
                order += none!.Value;
            }
            finally
            {
                order += "finally ";
            }
        }
        catch (NullReferenceException)
        {
            order += "catch";
        }
        Console.WriteLine($"order: {order}");
        s_checks++;
        if (order == "try finally catch")
            s_passed++;

        // Many faults in a row.
        int faults = 0;
        for (int i = 0; i < 500; i++)
        {
            try
            {
                faults += i % 2 == 0 ? none!.Value : 1 / zero;
            }
            catch (NullReferenceException)
            {
                faults++;
            }
            catch (DivideByZeroException)
            {
                faults += 2;
            }
        }
        Console.WriteLine($"faults: {faults}");
        s_checks++;
        if (faults == 750)
            s_passed++;

        Console.WriteLine($"{s_passed} of {s_checks} checks passed");
        return s_passed == s_checks ? 0 : 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static T? Nothing<T>() where T : class => null;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Zero() => 0;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int MinusOne() => -1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Divide(int a, int b) => a / b;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long DivideLong(long a, long b) => a / b;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Depth(int n, Node? node) => n == 0 ? node!.Value : Depth(n - 1, node) + 1;
}
