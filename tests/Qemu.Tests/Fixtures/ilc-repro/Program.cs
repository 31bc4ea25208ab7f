using System.Runtime.CompilerServices;

namespace Repro.Shapes;

interface IShape { int Area(); }

struct Square : IShape
{
    public int Side;
    public Square(int side) => Side = side;
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Area() => Side * Side;
}

sealed class Box<T> where T : IShape
{
    static readonly int s_seed = Environment.ProcessorCount;
    public T Item;
    public Box(T item) => Item = item;
    public int Seed => s_seed;
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Measure(Func<int, int> f) => f(Item.Area()) + Seed;

    public sealed class Inner
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int Twice(int x) => x * 2;
    }
}

static class Program
{
    static bool s_broken = Environment.GetEnvironmentVariable("REPRO_OK") is null;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Deep(int x, int[] data)
    {
        if (x > 1000) throw new InvalidOperationException();
        return data[x & 3] * 3 + x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Middle<TValue>(TValue value, int x) where TValue : notnull
    {
        int[] data = { x, x + 1, value.GetHashCode() & 7, 4 };
        return Deep(x, s_broken ? null! : data) + data[1];
    }

    static int Main(string[] args)
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        int Fault(int x) => Middle(x, x + args.Length) + 1;

        var box = new Box<Square>(new Square(args.Length + 3));
        int total = box.Measure(v => Fault(v) + Box<Square>.Inner.Twice(v));
        foreach (int i in Numbers(args.Length)) total += i;
        return total & 0x7f;
    }

    static IEnumerable<int> Numbers(int n)
    {
        for (int i = 0; i < n + 2; i++) yield return i;
    }
}
