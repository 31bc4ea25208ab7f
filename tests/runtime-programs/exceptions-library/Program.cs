// Exceptions the runtime and class library raise for checked arithmetic, array bounds, invalid
// casts, array covariance, argument validation, collections, parsing, and impossible allocations.
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

class Program
{
    sealed class Animal;
    sealed class Plant;

    static int s_checks, s_passed;

    static void Expect<TException>(string what, Func<object?> operation) where TException : Exception
    {
        s_checks++;
        string outcome;
        try
        {
            outcome = $"returned {operation()}";
        }
        catch (TException e)
        {
            outcome = e is ArgumentException argument && argument.ParamName is { } name
                ? $"{e.GetType().Name} ({name})"
                : e.GetType().Name;
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
        int big = Opaque(int.MaxValue);
        long bigLong = Opaque(long.MaxValue);
        double huge = Opaque(1e20);

        // Checked arithmetic and conversions.
        Expect<OverflowException>("checked int add", () => checked(big + 1));
        Expect<OverflowException>("checked long multiply", () => checked(bigLong * 2));
        Expect<OverflowException>("checked int negate", () => checked(-Opaque(int.MinValue)));
        Expect<OverflowException>("checked narrowing", () => checked((short)big));
        Expect<OverflowException>("checked unsigned", () => checked((uint)Opaque(-1)));
        Expect<OverflowException>("checked double to int", () => checked((int)huge));
        Expect<OverflowException>("decimal overflow", () => decimal.MaxValue * Opaque(2m));
        Expect<OverflowException>("Math.Abs(int.MinValue)", () => Math.Abs(Opaque(int.MinValue)));

        // Array bounds and spans.
        int[] array = new int[4];
        int index = Opaque(4);
        Expect<IndexOutOfRangeException>("array read past the end", () => array[index]);
        Expect<IndexOutOfRangeException>("array write at -1", () => { array[index - 5] = 1; return null; });
        int[,] grid = new int[2, 2];
        Expect<IndexOutOfRangeException>("2-D array", () => grid[Opaque(2), 0]);
        Expect<IndexOutOfRangeException>("string indexer", () => "abc"[index]);
        Expect<ArgumentOutOfRangeException>("span slice", () => array.AsSpan().Slice(index + 1).Length);
        Expect<ArgumentOutOfRangeException>("List indexer", () => new List<int> { 1 }[index]);

        // Casts, unboxing and array covariance.
        object animal = Opaque<object>(new Animal());
        object boxed = Opaque<object>(42);
        Expect<InvalidCastException>("class cast", () => (Plant)animal);
        Expect<InvalidCastException>("interface cast", () => (IDisposable)animal);
        Expect<InvalidCastException>("unbox to the wrong type", () => (long)boxed);
        Expect<InvalidCastException>("array cast", () => (string[])Opaque<object>(new object[1]));
        object[] covariant = Opaque<object[]>(new string[2]);
        Expect<ArrayTypeMismatchException>("covariant array store", () => { covariant[0] = animal; return null; });
        Expect<ArrayTypeMismatchException>("covariant array span", () => new Span<object>(covariant).Length);
        Expect<InvalidCastException>("Convert.ToInt32(object)", () => Convert.ToInt32(animal));

        // Argument validation in the class library.
        Expect<ArgumentNullException>("ThrowIfNull", () => { ArgumentNullException.ThrowIfNull(Opaque<string?>(null), "value"); return null; });
        Expect<ArgumentNullException>("string.Concat of null array", () => string.Concat(Opaque<string[]?>(null)!));
        Expect<ArgumentOutOfRangeException>("Substring", () => "hello".Substring(index + 2));
        Expect<ArgumentException>("Dictionary duplicate key", () => { new Dictionary<int, int> { [1] = 1 }.Add(1, 2); return null; });
        Expect<ArgumentOutOfRangeException>("new List with negative capacity", () => new List<int>(Opaque(-1)));
        Expect<ArgumentException>("Enum.Parse", () => Enum.Parse<DayOfWeek>("Someday"));

        // Collections and parsing.
        Expect<KeyNotFoundException>("missing dictionary key", () => new Dictionary<string, int>()["missing"]);
        Expect<InvalidOperationException>("collection modified while enumerating", () =>
        {
            var list = new List<int> { 1, 2, 3 };
            foreach (var item in list)
                list.Add(item);
            return null;
        });
        Expect<InvalidOperationException>("empty stack", () => new Stack<int>().Pop());
        Expect<InvalidOperationException>("Nullable without a value", () => Opaque<int?>(null)!.Value);
        Expect<FormatException>("int.Parse", () => int.Parse(Opaque("12x")));
        Expect<OverflowException>("int.Parse too large", () => int.Parse(Opaque("99999999999")));
        Expect<FormatException>("Guid.Parse", () => Guid.Parse(Opaque("not-a-guid")));

        // Allocations that cannot be satisfied.
        Expect<OverflowException>("array of negative length", () => new int[Opaque(-1)]);
        Expect<OverflowException>("object array of negative length", () => new object[Opaque(-5)]);
        Expect<OutOfMemoryException>("byte array longer than Array.MaxLength", () => new byte[Opaque(int.MaxValue)]);
        Expect<ArgumentOutOfRangeException>("string of negative length", () => new string('x', Opaque(-1)));

        Console.WriteLine($"{s_passed} of {s_checks} checks passed");
        return s_passed == s_checks ? 0 : 1;
    }

    // Values the compiler cannot see through, so every check happens at run time.
    [MethodImpl(MethodImplOptions.NoInlining)]
    static T Opaque<T>(T value) => value;
}
