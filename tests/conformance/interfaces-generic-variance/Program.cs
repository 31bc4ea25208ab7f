// Generic variance: covariant (out T) and contravariant (in T) interfaces and delegates, checked
// through casts (is/as), assignments, and calls: IEnumerable<string> as IEnumerable<object>,
// IComparer<object> as IComparer<string>, Func<string> as Func<object>, Action<object> as
// Action<string>, user-defined variant interfaces, nested variance (IEnumerable<IEnumerable<T>>),
// arrays as variant interfaces, and where variance does NOT apply (value types, invariant
// interfaces, classes). Exit status = failed checks.
using System.Runtime.CompilerServices;

int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

// Covariance of IEnumerable<out T>.
IEnumerable<string> strings = new List<string> { "a", "bb", "ccc" };
IEnumerable<object> objects = strings;
Check("IEnumerable<string> -> IEnumerable<object>", string.Join("|", objects), "a|bb|ccc");
object boxedList = Opaque(new List<string> { "x" });
Check("List<string> is IEnumerable<object>", boxedList is IEnumerable<object>, true);
Check("List<string> is IReadOnlyList<object>", boxedList is IReadOnlyList<object>, true);
Check("List<string> is IList<object> (invariant)", boxedList is IList<object>, false);
Check("List<string> is List<object> (class, invariant)", boxedList is List<object>, false);
object ints = Opaque(new List<int> { 1 });
Check("List<int> is IEnumerable<object> (value type: no variance)", ints is IEnumerable<object>, false);
Check("List<int> is IEnumerable<int>", ints is IEnumerable<int>, true);

// Contravariance of IComparer<in T>.
IComparer<object> byLength = new LengthComparer();
IComparer<string> forStrings = byLength;
var words = new List<string> { "pear", "fig", "banana", "kiwi" };
words.Sort(forStrings);
Check("IComparer<object> as IComparer<string>", string.Join(",", words), "fig,kiwi,pear,banana");
Check("comparer is IComparer<string>", Opaque(byLength) is IComparer<string>, true);
Check("comparer is IComparer<int> (value type)", Opaque(byLength) is IComparer<int>, false);

// Delegates.
Func<string> makeString = () => "made";
Func<object> makeObject = makeString;
Check("Func<string> as Func<object>", makeObject(), "made");
Action<object> printAny = o => Console.WriteLine($"  action got {o}");
Action<string> printString = printAny;
printString("hello");
Func<object, string> describe = o => o.GetType().Name;
Func<string, object> narrowed = describe;
Check("Func<in object, out string> as Func<string, object>", narrowed("s"), "String");
Check("delegate variance via is", Opaque(makeString) is Func<object>, true);
Check("delegate value type no variance", Opaque(new Func<int>(() => 1)) is Func<object>, false);
Check("action contravariance via is", Opaque(printAny) is Action<string>, true);
Check("action not covariant", Opaque(new Action<string>(_ => { })) is Action<object>, false);

// User-defined variant interfaces.
IProducer<Animal> animalSource = new Producer<Cat>(new Cat("tom"));
Check("covariant user interface", animalSource.Produce().Speak(), "tom: meow");
IConsumer<Cat> catSink = new AnimalConsumer();
catSink.Consume(new Cat("felix"));
Check("contravariant user interface", ((AnimalConsumer)catSink).Log, "consumed felix");
IConverter<Cat, object> conv = new Converter<Animal, string>();
Check("in+out in one interface", conv.Convert(new Cat("c")), "converted c");
Check("variance check at runtime (in/out)", Opaque(new Converter<Animal, string>()) is IConverter<Cat, object>, true);
Check("variance check wrong direction", Opaque(new Converter<Cat, string>()) is IConverter<Animal, object>, false);

// Nested variance.
IEnumerable<IEnumerable<string>> nested = new List<List<string>> { new() { "p", "q" }, new() { "r" } };
IEnumerable<IEnumerable<object>> nestedObj = nested;
Check("nested covariance", nestedObj.Sum(e => e.Count()), 3);
Func<Func<string>> ff = () => () => "inner";
Func<Func<object>> ffo = ff;
Check("nested delegate covariance", ffo()(), "inner");
Action<Action<object>> aa = a => a("nested-contra");
string seen = "";
aa(o => seen = (string)o);
Check("contra of contra", seen, "nested-contra");
Check("Action<Action<object>> is Action<Action<string>>", Opaque(aa) is Action<Action<string>>, false);
Check("Action<Action<string>> is Action<Action<object>>", Opaque(new Action<Action<string>>(_ => { })) is Action<Action<object>>, true);

// Arrays: string[] is IEnumerable<object>, IReadOnlyList<object>, and object[] (array covariance).
object arr = Opaque(new[] { "one", "two" });
Check("string[] is IEnumerable<object>", arr is IEnumerable<object>, true);
Check("string[] is IReadOnlyList<object>", arr is IReadOnlyList<object>, true);
Check("string[] is IList<object> (array special case)", arr is IList<object>, true);
Check("int[] is IEnumerable<object>", Opaque(new[] { 1 }) is IEnumerable<object>, false);
Check("int[] is IList<uint> (array element variance)", Opaque(new[] { 1 }) is IList<uint>, true);
Check("Cat[] is IEnumerable<Animal>", Opaque(new Cat[] { new("a") }) is IEnumerable<Animal>, true);

// Variance through generic methods.
Check("generic method takes covariant arg", CountAll<Animal>(new List<Cat> { new("1"), new("2") }), 2);
Check("LINQ Cast/OfType", new object[] { "a", 1, "b" }.OfType<string>().Count(), 2);
IEnumerable<Animal> animals = new Cat[] { new("x"), new("y") };
Check("covariant array enumeration", string.Join(",", animals.Select(a => a.Name)), "x,y");

Console.WriteLine($"failed {failed}");
return failed;

[MethodImpl(MethodImplOptions.NoInlining)] static object Opaque(object o) => o;
static int CountAll<T>(IEnumerable<T> items) => items.Count();

class Animal(string name) { public string Name => name; public virtual string Speak() => $"{name}: ..."; }
class Cat(string name) : Animal(name) { public override string Speak() => $"{Name}: meow"; }

interface IProducer<out T> { T Produce(); }
class Producer<T>(T value) : IProducer<T> { public T Produce() => value; }
interface IConsumer<in T> { void Consume(T item); }
class AnimalConsumer : IConsumer<Animal> { public string Log = ""; public void Consume(Animal a) => Log = "consumed " + a.Name; }
interface IConverter<in TIn, out TOut> { TOut Convert(TIn input); }
class Converter<TIn, TOut> : IConverter<TIn, TOut> where TIn : Animal
{
    public TOut Convert(TIn input) => (TOut)(object)("converted " + input.Name);
}

class LengthComparer : IComparer<object>
{
    public int Compare(object? x, object? y)
    {
        int c = x!.ToString()!.Length.CompareTo(y!.ToString()!.Length);
        return c != 0 ? c : string.CompareOrdinal(x.ToString(), y.ToString());
    }
}
