using System.Numerics;
using System.Text;

namespace Minnow.Tests.Scenarios;

/// <summary>
/// Ordinary .NET code whose output must be byte-identical in an image and on host .NET: collections,
/// formatting, interfaces, generics, LINQ, spans. Deterministic (no clocks, no hash codes of strings,
/// which .NET randomises per process) and free of exceptions, even caught ones.
/// </summary>
public static class Conformance
{
    /// <summary>Every section, in the order "all" runs them; each test boots one section.</summary>
    public static readonly (string Name, Action Body)[] Sections =
    [
        ("lists", Lists),
        ("dictionaries", Dictionaries),
        ("sets", Sets),
        ("formatting", Formatting),
        ("builders", Builders),
        ("interfaces", Shapes),
        ("generics", GenericCode),
        ("generic-virtual-methods", GenericVirtualMethods),
        ("linq", Linq),
        ("spans", Spans),
        ("strings", Strings),
        ("iterators", Iterators),
        ("record-structs", Records),
    ];

    /// <summary>Runs one section by name, or "all" of them; "list" prints the names; 2 for an unknown name.</summary>
    public static int Run(string name)
    {
        if (name == "list")
        {
            foreach (var (section, _) in Sections)
                Console.WriteLine(section);
            return 0;
        }
        bool any = false;
        foreach (var (section, body) in Sections)
        {
            if (name != "all" && name != section)
                continue;
            body();
            any = true;
        }
        if (!any)
        {
            Console.WriteLine($"unknown conformance section '{name}'");
            return 2;
        }
        Console.WriteLine("== done");
        return 0;
    }

    private static void Section(string name) => Console.WriteLine($"== {name}");

    private static void Lists()
    {
        Section("lists");
        var list = new List<int>();
        for (int i = 0; i < 20; i++)
            list.Add((i * 37 + 11) % 23);
        Console.WriteLine(string.Join(",", list));
        list.Sort();
        Console.WriteLine(string.Join(",", list));
        list.Sort((a, b) => b.CompareTo(a));
        Console.WriteLine(string.Join(",", list));
        list.RemoveAll(x => x % 3 == 0);
        list.Insert(2, 1000);
        list.Reverse();
        Console.WriteLine($"{list.Count} items, index of 1000: {list.IndexOf(1000)}, contains 7: {list.Contains(7)}");
        var sorted = new List<int>(list);
        sorted.Sort();
        Console.WriteLine($"binary search 1000: {sorted.BinarySearch(1000)}, 4: {sorted.BinarySearch(4)}, 5: {sorted.BinarySearch(5)}");
        var words = new List<string> { "pear", "apple", "fig", "banana", "cherry", "date" };
        words.Sort(StringComparer.Ordinal);
        Console.WriteLine(string.Join(" ", words));
        words.Sort((a, b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b));
        Console.WriteLine(string.Join(" ", words));
        int[] array = [5, 3, 9, 1, 7];
        Array.Sort(array);
        Console.WriteLine($"{string.Join("|", array)} {Array.IndexOf(array, 9)}");
        var queue = new Queue<string>(["a", "b"]);
        queue.Enqueue("c");
        var stack = new Stack<int>([1, 2, 3]);
        Console.WriteLine($"queue {queue.Dequeue()}{queue.Peek()} {queue.Count}, stack {stack.Pop()}{stack.Peek()} {stack.Count}");
    }

    private static void Dictionaries()
    {
        Section("dictionaries");
        var counts = new Dictionary<string, int>();
        foreach (var word in "the quick brown fox jumps over the lazy dog the end".Split(' '))
            counts[word] = counts.TryGetValue(word, out int n) ? n + 1 : 1;
        foreach (var (word, count) in counts)
            Console.WriteLine($"{word}={count}");
        counts.Remove("fox");
        counts["zebra"] = 26;
        Console.WriteLine($"{counts.Count} keys; has fox: {counts.ContainsKey("fox")}; zebra: {counts["zebra"]}; missing: {counts.GetValueOrDefault("missing", -1)}");
        var squares = new Dictionary<int, long>();
        for (int i = -5; i <= 5; i++)
            squares[i] = (long)i * i * i;
        Console.WriteLine(string.Join(" ", squares.Select(p => $"{p.Key}:{p.Value}")));
        var sorted = new SortedDictionary<string, int>(counts, StringComparer.Ordinal);
        Console.WriteLine(string.Join(",", sorted.Keys));
    }

    private static void Sets()
    {
        Section("sets");
        var evens = new HashSet<int>(Enumerable.Range(0, 20).Where(i => i % 2 == 0));
        var threes = new HashSet<int>(Enumerable.Range(0, 20).Where(i => i % 3 == 0));
        var union = new HashSet<int>(evens);
        union.UnionWith(threes);
        var both = new HashSet<int>(evens);
        both.IntersectWith(threes);
        Console.WriteLine($"union {union.Count}: {string.Join(",", union.Order())}");
        Console.WriteLine($"both: {string.Join(",", both.Order())}; added again: {evens.Add(4)}; subset: {both.IsSubsetOf(evens)}");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Alpha", "beta" };
        Console.WriteLine($"{names.Contains("ALPHA")} {names.Add("BETA")} {names.Count}");
    }

    private static void Formatting()
    {
        Section("formatting");
        int i = 42;
        long big = -9_876_543_210L;
        double d = 3.14159265358979;
        Console.WriteLine($"[{i}] [{i,6}] [{i,-6}] [{i:D5}] [{i:X}] [{i:x8}] [{255:X2}]");
        Console.WriteLine($"[{big}] [{big:N0}] [{ulong.MaxValue}] [{int.MinValue}] [{(byte)200}] [{(sbyte)-100}]");
        Console.WriteLine($"[{d}] [{d:F2}] [{d:F0}] [{d:E3}] [{d:G4}] [{-0.5:F1}] [{1e21}] [{1.0 / 3}] [{0.1 + 0.2}]");
        Console.WriteLine($"[{2.5f}] [{float.MaxValue}] [{double.Epsilon}] [{double.NaN}] [{double.PositiveInfinity}] [{-0.0}]");
        Console.WriteLine($"[{123.456m}] [{123.456m * 2:F1}] [{decimal.MaxValue}] [{1234567.891:N2}] [{0.256:P1}]");
        Console.WriteLine(string.Format("{0}-{1}-{0} {2:000.00} {{braces}}", "a", 'b', 7.5));
        Console.WriteLine($"{true} {false} {'x'} {(object?)null} {Guid.Empty} {new TimeSpan(1, 2, 3, 4, 5)}");
        Console.WriteLine($"{int.Parse("-123") + 1} {long.Parse("9000000000") / 3} {double.Parse("2.75") * 2} {int.TryParse("12x", out var bad)} {bad}");
        Console.WriteLine($"{Math.Sqrt(2):F6} {Math.Abs(-7)} {Math.Max(3, 9)} {Math.Round(2.5)} {Math.Round(3.5)} {Math.Floor(-1.5)} {Math.Ceiling(1.2)}");
        Console.WriteLine($"{BitOperations.PopCount(0xF0F0u)} {BitOperations.LeadingZeroCount(1u)} {BitOperations.Log2(1024u)} {unchecked(int.MaxValue + 1)}");
    }

    private static void Builders()
    {
        Section("builders");
        var sb = new StringBuilder();
        for (int i = 0; i < 10; i++)
            sb.Append(i).Append(i % 2 == 0 ? '+' : '-');
        sb.Insert(0, "start:").Replace("+", " plus ").AppendLine().AppendFormat("{0:X4}|{1,5}|", 48879, "r");
        sb.Remove(6, 3);
        Console.WriteLine(sb.ToString());
        Console.WriteLine($"length {sb.Length}, char 7 '{sb[7]}'");
        var big = new StringBuilder();
        for (int i = 0; i < 2000; i++)
            big.Append((char)('a' + i % 26));
        Console.WriteLine($"{big.Length} {big.ToString(1990, 10)}");
    }

    private interface IShape
    {
        string Name { get; }
        double Area();
        string Describe() => $"{Name} with area {Area():F3}";
    }

    private sealed class Circle(double radius) : IShape
    {
        public string Name => "circle";
        public double Area() => Math.PI * radius * radius;
    }

    private sealed class Rectangle(double width, double height) : IShape
    {
        public string Name => "rectangle";
        public double Area() => width * height;
        public string Describe() => $"{width}x{height} rectangle";
    }

    private class Triangle(double b, double h) : IShape
    {
        public virtual string Name => "triangle";
        public double Area() => 0.5 * b * h;
    }

    private sealed class RightTriangle(double a, double b) : Triangle(a, b)
    {
        public override string Name => "right triangle";
    }

    private struct Square(double side) : IShape
    {
        public readonly string Name => "square";
        public readonly double Area() => side * side;
    }

    private static void Shapes()
    {
        Section("interfaces");
        IShape[] shapes = [new Circle(1.5), new Rectangle(2, 3.5), new Triangle(4, 5), new RightTriangle(3, 4), new Square(2)];
        foreach (var shape in shapes)
            Console.WriteLine(shape.Describe());
        Console.WriteLine($"total {shapes.Sum(s => s.Area()):F4}; largest {shapes.MaxBy(s => s.Area())!.Name}");
        Console.WriteLine(string.Join(",", shapes.Select(s => s switch
        {
            Circle => "C",
            RightTriangle => "RT",
            Triangle => "T",
            Square q => $"S{q.Area()}",
            _ => "?",
        })));
        IComparer<IShape> byArea = Comparer<IShape>.Create((x, y) => x.Area().CompareTo(y.Area()));
        Array.Sort(shapes, byArea);
        Console.WriteLine(string.Join(" < ", shapes.Select(s => s.Name)));
    }

    private interface IStack<T>
    {
        void Push(T item);
        bool TryPop(out T item);
        int Count { get; }
    }

    private sealed class ArrayStack<T> : IStack<T>
    {
        private T[] _items = new T[2];
        public int Count { get; private set; }

        public void Push(T item)
        {
            if (Count == _items.Length)
                Array.Resize(ref _items, _items.Length * 2);
            _items[Count++] = item;
        }

        public bool TryPop(out T item)
        {
            if (Count == 0)
            {
                item = default!;
                return false;
            }
            item = _items[--Count];
            return true;
        }
    }

    private readonly record struct Pair<TFirst, TSecond>(TFirst First, TSecond Second);

    private static T Largest<T>(IEnumerable<T> items) where T : IComparable<T>
    {
        T best = default!;
        bool any = false;
        foreach (var item in items)
        {
            if (!any || item.CompareTo(best) > 0)
                best = item;
            any = true;
        }
        return best;
    }

    private static T SumOf<T>(ReadOnlySpan<T> values) where T : INumber<T>
    {
        T total = T.Zero;
        foreach (var v in values)
            total += v;
        return total;
    }

    private static void Drain<T>(IStack<T> stack, StringBuilder into)
    {
        while (stack.TryPop(out var item))
            into.Append(item).Append(' ');
    }

    private static void GenericCode()
    {
        Section("generics");
        var ints = new ArrayStack<int>();
        var strings = new ArrayStack<string>();
        var pairs = new ArrayStack<Pair<int, string>>();
        for (int i = 0; i < 5; i++)
        {
            ints.Push(i * i);
            strings.Push(new string((char)('A' + i), i + 1));
            pairs.Push(new Pair<int, string>(i, $"p{i}"));
        }
        var sb = new StringBuilder();
        Drain(ints, sb);
        Drain(strings, sb);
        Drain(pairs, sb);
        Console.WriteLine(sb.ToString().TrimEnd());
        Console.WriteLine($"{Largest([3, 17, 5])} {Largest(["kiwi", "apple", "mango"])} {Largest([2.5, -1.0])}");
        Console.WriteLine($"{SumOf<int>([1, 2, 3, 4])} {SumOf<double>([0.5, 0.25])} {SumOf<long>([long.MaxValue / 2, 1])} {SumOf<decimal>([1.1m, 2.2m])}");
        var cache = new Dictionary<Type, string> { [typeof(int)] = "int", [typeof(string)] = "string" };
        Console.WriteLine($"{cache[typeof(int)]} {cache.ContainsKey(typeof(double))} {default(Pair<int, int>)}");
        var tuple = (Name: "tuple", Count: 3, Ratio: 0.75);
        var (name, count, ratio) = tuple;
        Console.WriteLine($"{tuple} {name}/{count}/{ratio}");
    }

    // Generic virtual methods: ilc resolves each call through a lookup at run time (ThenBy is one:
    // IOrderedEnumerable<T>.CreateOrderedEnumerable<TKey>).
    private interface IFormatterOf
    {
        string Format<T>(T value);
    }

    private class Bracketing : IFormatterOf
    {
        public virtual string Format<T>(T value) => $"[{value}]";
    }

    private sealed class Angled : Bracketing
    {
        public override string Format<T>(T value) => $"<{value}:{typeof(T) == typeof(int)}>";
    }

    private abstract class Reducer
    {
        public abstract TAccumulate Reduce<TAccumulate>(int[] values, TAccumulate seed, Func<TAccumulate, int, TAccumulate> step);
    }

    private sealed class LeftReducer : Reducer
    {
        public override TAccumulate Reduce<TAccumulate>(int[] values, TAccumulate seed, Func<TAccumulate, int, TAccumulate> step)
        {
            var total = seed;
            foreach (var v in values)
                total = step(total, v);
            return total;
        }
    }

    private static void GenericVirtualMethods()
    {
        Section("generic virtual methods");
        IFormatterOf[] formatters = [new Bracketing(), new Angled()];
        foreach (var formatter in formatters)
            Console.WriteLine($"{formatter.Format(42)} {formatter.Format("text")} {formatter.Format(2.5)} {formatter.Format('c')}");
        Reducer reducer = new LeftReducer();
        int[] values = [1, 2, 3, 4, 5];
        Console.WriteLine($"{reducer.Reduce(values, 0L, (a, v) => a + v)} {reducer.Reduce(values, "", (a, v) => a + v)} {reducer.Reduce(values, 1.0, (a, v) => a * v)}");
        var numbers = Enumerable.Range(1, 30).ToArray();
        Console.WriteLine(string.Join(",", numbers.OrderByDescending(n => n % 7).ThenBy(n => n).Take(10)));
        Console.WriteLine(string.Join(",", numbers.OrderBy(n => n % 3).ThenByDescending(n => n / 10).ThenBy(n => n)));
    }

    private static void Linq()
    {
        Section("linq");
        var numbers = Enumerable.Range(1, 30).ToArray();
        Console.WriteLine(string.Join(",", numbers.Where(n => n % 4 == 1).Select(n => n * n)));
        Console.WriteLine($"{numbers.Sum()} {numbers.Average():F2} {numbers.Min()} {numbers.Max()} {numbers.Count(n => n > 20)} {numbers.Aggregate(1L, (a, n) => a * n % 1_000_003)}");
        Console.WriteLine($"{numbers.Any(n => n > 29)} {numbers.All(n => n > 0)} {numbers.First(n => n > 10)} {numbers.LastOrDefault(n => n > 99)} {numbers.ElementAt(7)}");
        Console.WriteLine(string.Join(",", numbers.Skip(5).Take(5).Reverse()));
        Console.WriteLine(string.Join(",", numbers.Chunk(7).Select(c => c.Sum())));
        Console.WriteLine(string.Join(" ", numbers.Zip(numbers.Skip(1), (a, b) => a * b).Take(6)));
        Console.WriteLine(string.Join(",", new[] { 3, 1, 3, 2, 1, 5 }.Distinct()));
        Console.WriteLine(string.Join(",", numbers.OrderByDescending(n => n % 7).Take(10)));
        Console.WriteLine(string.Join(",", numbers.Select((n, i) => n * i).Where(x => x % 5 == 0).ToList()));
        var squares = numbers.Take(8).ToDictionary(n => n, n => n * n);
        Console.WriteLine($"{squares[7]} {squares.Count} {squares.Values.Sum()} {numbers.SelectMany(n => Enumerable.Repeat(n, n % 3)).Count()}");
        var evens = numbers.Where(n => n % 2 == 0).ToHashSet();
        Console.WriteLine($"{evens.Count} {evens.Contains(14)} {numbers.Except(evens).Sum()} {numbers.Intersect([2, 3, 40]).Count()} {numbers.Concat([100, 200]).Last()}");
        Console.WriteLine($"{numbers.Sum(n => (long)n * n)} {numbers.Average(n => n * 0.5):F3} {numbers.Max(n => n % 11)} {numbers.MinBy(n => Math.Abs(n - 17))} {numbers.DistinctBy(n => n % 4).Count()}");
    }

    private static void Spans()
    {
        Section("spans");
        Span<int> numbers = stackalloc int[16];
        for (int i = 0; i < numbers.Length; i++)
            numbers[i] = i * 3 % 7;
        Console.WriteLine(string.Join(",", numbers.ToArray()));
        numbers[4..10].Reverse();
        numbers[..3].Fill(9);
        numbers[12..].Sort();
        Console.WriteLine($"{string.Join(",", numbers.ToArray())} index of 6: {numbers.IndexOf(6)} contains 5: {numbers.Contains(5)}");
        ReadOnlySpan<char> text = "key=value;other=thing";
        int semicolon = text.IndexOf(';');
        var first = text[..semicolon];
        Console.WriteLine($"{first[..first.IndexOf('=')]} -> {first[(first.IndexOf('=') + 1)..]} | {text[(semicolon + 1)..].ToString().ToUpperInvariant()}");
        byte[] bytes = new byte[32];
        var span = bytes.AsSpan();
        span.Slice(8, 8).Fill(0xAB);
        span[..4].CopyTo(span[28..]);
        "hello"u8.CopyTo(span[16..]);
        Console.WriteLine(Convert.ToHexString(bytes));
        Console.WriteLine($"{span[8..16].SequenceEqual(new byte[8] { 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB })} {span.LastIndexOf((byte)0xAB)} {Encoding.UTF8.GetString(span.Slice(16, 5))}");
        var memory = new int[] { 10, 20, 30, 40 }.AsMemory(1, 2);
        Console.WriteLine($"{memory.Length} {memory.Span[0]} {memory.Span[1]}");
        Span<char> chars = stackalloc char[8];
        bool formatted = 12345.TryFormat(chars, out int written, "X6");
        Console.WriteLine($"{formatted} {written} {chars[..written].ToString()}");
    }

    private static void Strings()
    {
        Section("strings");
        string s = "  The Quick, Brown Fox!  ";
        Console.WriteLine($"[{s.Trim()}] [{s.TrimStart()}] [{s.ToUpperInvariant()}] [{s.ToLowerInvariant()}]");
        Console.WriteLine($"{s.Contains("Brown")} {s.IndexOf("Fox")} {s.StartsWith("  The")} {s.EndsWith("!")} {s.Replace(" ", "")}");
        Console.WriteLine(string.Join("|", s.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)));
        Console.WriteLine($"{"abc".PadLeft(6, '.')} {"abc".PadRight(6, '.')}| {string.Concat("x", "y", "z")} {new string('=', 5)} {"abcdef".Substring(2, 3)}");
        Console.WriteLine($"{string.Compare("apple", "banana", StringComparison.Ordinal)} {"Hello".Equals("hello", StringComparison.OrdinalIgnoreCase)} {string.IsNullOrWhiteSpace("   ")}");
        var chars = "Minnow".ToCharArray();
        Array.Reverse(chars);
        Console.WriteLine($"{new string(chars)} {"a,b,,c".Split(',').Length} {"x".Insert(1, "yz")} {"hello world".LastIndexOf('o')}");
        string unicode = "héllo wörld ✓ 日本";
        Console.WriteLine($"{unicode} {unicode.Length} {Encoding.UTF8.GetByteCount(unicode)} {unicode.ToUpperInvariant()}");
        Console.WriteLine($"{char.IsDigit('7')} {char.IsLetter('é')} {char.ToUpperInvariant('q')} {(int)'A'} {(char)97}");
    }

    private static IEnumerable<int> Fibonacci()
    {
        int a = 0, b = 1;
        while (true)
        {
            yield return a;
            (a, b) = (b, a + b);
        }
    }

    private static IEnumerable<string> Interleave(IEnumerable<string> first, IEnumerable<string> second)
    {
        using var x = first.GetEnumerator();
        using var y = second.GetEnumerator();
        bool more = true;
        while (more)
        {
            more = false;
            if (x.MoveNext()) { more = true; yield return x.Current; }
            if (y.MoveNext()) { more = true; yield return y.Current; }
        }
    }

    private static void Iterators()
    {
        Section("iterators");
        Console.WriteLine(string.Join(",", Fibonacci().Take(20)));
        Console.WriteLine(string.Join(",", Fibonacci().SkipWhile(f => f < 100).TakeWhile(f => f < 2000)));
        Console.WriteLine(string.Join(" ", Interleave(["a", "b", "c"], ["1", "2"])));
        Func<int, int> twice = x => x * 2;
        Func<int, int> plusOne = x => x + 1;
        Func<int, int> composed = x => plusOne(twice(x));
        int captured = 10;
        Action bump = () => captured += 5;
        bump();
        bump();
        Console.WriteLine($"{composed(20)} {captured}");
    }

    private readonly record struct Point(int X, int Y)
    {
        public int ManhattanLength => Math.Abs(X) + Math.Abs(Y);
        public Point Add(Point other) => new(X + other.X, Y + other.Y);
    }

    private record struct Temperature(string Place, double Celsius);

    private static void Records()
    {
        Section("record structs");
        var origin = default(Point);
        var p = new Point(3, -4);
        var q = p with { Y = 4 };
        Console.WriteLine($"{origin} {p} {q} {p == q} {p.Add(q)} {q.ManhattanLength} {p.Equals(new Point(3, -4))}");
        var readings = new List<Temperature> { new("Oslo", -3.5), new("Lima", 18.25), new("Pune", 31) };
        readings.Sort((a, b) => a.Celsius.CompareTo(b.Celsius));
        var warmest = readings[^1];
        warmest.Celsius += 0.5;
        Console.WriteLine($"{string.Join("; ", readings)} warmest {warmest}");
        var points = new HashSet<Point> { p, q, new Point(3, -4) };
        Console.WriteLine($"{points.Count} distinct points");
    }
}
