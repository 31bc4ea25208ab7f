// Exceptions through generic code (shared code for reference types, specialised code for value
// types, catch clauses on a type parameter), delegates and lambdas, virtual and interface calls,
// iterators, static constructors, and class-library code calling back into throwing user code.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

class Program
{
    sealed class ValidationException(string field) : Exception($"invalid {field}")
    {
        public string Field { get; } = field;
    }

    interface IShape
    {
        double Area();
    }

    sealed class Square(double side) : IShape
    {
        public double Area() => side >= 0 ? side * side : throw new ArgumentOutOfRangeException(nameof(side));
    }

    abstract class Animal
    {
        public abstract string Speak();
    }

    sealed class Mute : Animal
    {
        public override string Speak() => throw new NotSupportedException("mute");
    }

    static class Box<T>
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static T Unwrap(object? value) => value is T t ? t : throw new InvalidCastException($"not a {typeof(T).Name}");
    }

    static class Broken
    {
        public static readonly int Value = Compute();

        static int Compute() => throw new InvalidOperationException("static constructor failed");
    }

    static int s_checks, s_passed;

    static void Check(string what, bool ok)
    {
        s_checks++;
        if (ok)
            s_passed++;
        Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}");
    }

    static int Main()
    {
        // Generic methods over reference and value types, caught by a generic catch clause.
        Check("generic catch, reference type", CatchAs<ValidationException>(() => throw new ValidationException("name")) == "invalid name");
        Check("generic catch, base type", CatchAs<Exception>(() => Box<string>.Unwrap(42)) == "not a String");
        Check("generic catch, value-type instantiation", CatchAs<InvalidCastException>(() => Box<int>.Unwrap("text")) == "not a Int32");
        Check("generic catch does not catch other types", CatchOuter(() => CatchAs<ValidationException>(() => throw new TimeoutException())) == "TimeoutException");
        Check("generic method in generic class", new Repository<string>().Find("missing") == "KeyNotFoundException");
        Check("generic struct instantiation", new Repository<long>().Find(7) == "KeyNotFoundException");

        // Delegates: lambdas, closures, multicast, Func results.
        int captured = 5;
        Func<int, int> divideBy = d => captured / d;
        Check("lambda with closure", CatchOuter(() => divideBy(captured - 5)) == "DivideByZeroException");
        Action first = () => Console.WriteLine("first handler ran");
        Action second = () => throw new ValidationException("second");
        Action third = () => Console.WriteLine("third handler must not run");
        Action multicast = first + second + third;
        Check("multicast delegate stops at the throwing handler", CatchOuter(multicast) == "ValidationException");

        // Virtual and interface calls.
        IShape shape = new Square(-1);
        Check("interface call", CatchOuter(() => shape.Area()) == "ArgumentOutOfRangeException");
        Animal animal = new Mute();
        Check("virtual call", CatchOuter(() => animal.Speak()) == "NotSupportedException");

        // Class-library code calling user code that throws: LINQ, List.Sort, Dictionary.
        var numbers = new List<int> { 3, 1, 2 };
        Check("through LINQ", CatchOuter(() => numbers.Select(n => 10 / (n - 2)).ToList()) == "DivideByZeroException");
        Check("through List.Sort", CatchOuter(() => numbers.Sort((a, b) => throw new ValidationException("order"))) == "InvalidOperationException");
        Check("through ForEach", CatchOuter(() => numbers.ForEach(n => { if (n == 2) throw new ValidationException("two"); })) == "ValidationException");

        // Iterators: the exception surfaces from MoveNext, and the iterator's finally runs on dispose.
        var log = new List<string>();
        try
        {
            foreach (var n in Counting(log))
                log.Add($"got {n}");
        }
        catch (ValidationException e)
        {
            log.Add($"caught {e.Field}");
        }
        Check($"iterator: {string.Join(", ", log)}", string.Join(",", log) == "got 0,got 1,iterator finally,caught counter");

        // A failing static constructor: TypeInitializationException wrapping the cause, every time.
        for (int i = 0; i < 2; i++)
        {
            try
            {
                Console.WriteLine(Broken.Value);
            }
            catch (TypeInitializationException e)
            {
                Check($"static constructor failure {i}: inner {e.InnerException?.GetType().Name}", e.InnerException is InvalidOperationException);
            }
        }

        // Generic virtual method and a struct implementing an interface.
        Check("generic virtual method", CatchOuter(() => new Visitor().Visit<Point>(default)) == "ValidationException");
        IShape boxed = new Circle(-2);
        Check("struct through an interface", CatchOuter(() => boxed.Area()) == "ArgumentException");

        Console.WriteLine($"{s_passed} of {s_checks} checks passed");
        return s_passed == s_checks ? 0 : 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static string? CatchAs<TException>(Action action) where TException : Exception
    {
        try
        {
            action();
            return null;
        }
        catch (TException e)
        {
            return e.Message;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static string CatchOuter(Action action)
    {
        try
        {
            action();
            return "nothing";
        }
        catch (Exception e)
        {
            return e.GetType().Name;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static string CatchOuter<T>(Func<T> func) => CatchOuter(() => { func(); });

    static IEnumerable<int> Counting(List<string> log)
    {
        try
        {
            for (int i = 0; ; i++)
            {
                if (i == 2)
                    throw new ValidationException("counter");
                yield return i;
            }
        }
        finally
        {
            log.Add("iterator finally");
        }
    }

    sealed class Repository<TKey> where TKey : notnull
    {
        private readonly Dictionary<TKey, string> _items = new();

        [MethodImpl(MethodImplOptions.NoInlining)]
        public string Find(TKey key)
        {
            try
            {
                return _items[key];
            }
            catch (KeyNotFoundException e)
            {
                return e.GetType().Name;
            }
        }
    }

    class Visitor
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public virtual string Visit<T>(T value) => throw new ValidationException(typeof(T).Name);
    }

    readonly record struct Point(int X, int Y);

    readonly struct Circle(double radius) : IShape
    {
        public double Area() => radius >= 0 ? Math.PI * radius * radius : throw new ArgumentException("negative radius");
    }
}
