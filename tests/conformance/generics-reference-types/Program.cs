// Generics over reference types (AOT shares one canonical body for all reference-type
// instantiations and looks up the exact type at run time through a generic dictionary):
// typeof(T) and new T() inside shared code, generic virtual methods (GVM) overridden in derived
// classes and implemented through interfaces, constraints (class, struct, new(), base class,
// interface, unmanaged, notnull), generic methods in generic types mixing class and method type
// parameters, casts to T, arrays of T, and static fields of generic types over reference types.
// Exit status = failed checks.
using System.Runtime.CompilerServices;

int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

// typeof(T) inside shared canonical code.
Check("NameOf<string>", NameOf<string>(), "String");
Check("NameOf<object>", NameOf<object>(), "Object");
Check("NameOf<List<string>>", NameOf<List<string>>(), "List`1");
Check("NameOf<Dog>", NameOf<Dog>(), "Dog");
Check("NameOf<int[]>", NameOf<int[]>(), "Int32[]");
Check("Nested names", Holder<Dog>.Describe<Cat>(), "Holder<Dog>.Describe<Cat>");
Check("Generic arg names", typeof(Dictionary<string, List<Dog>>).GetGenericArguments()[1].GetGenericArguments()[0].Name, "Dog");
Check("typeof(T[]) in shared code", ArrayOf<Dog>(2).GetType().Name, "Dog[]");
Check("T[] element type", ArrayOf<string>(1).GetType().GetElementType()!.Name, "String");
Check("List<T> built in shared code", MakeList<Cat>().GetType().GenericTypeArguments[0].Name, "Cat");

// new() constraint.
Check("new T() Dog", Create<Dog>().Speak(), "woof");
Check("new T() Cat", Create<Cat>().Speak(), "meow");
Check("new T() via class type param", new Factory<Dog>().Make().Speak(), "woof");
Check("new T() struct", Create<Pt>().ToString(), "Pt(0)");

// Casts to T in shared code.
Check("CastOrNull<Dog>(dog)", CastOrNull<Dog>(new Dog())?.Speak(), "woof");
Check("CastOrNull<Dog>(cat)", CastOrNull<Dog>(new Cat()) is null, true);
Check("CastOrNull<Animal>(cat)", CastOrNull<Animal>(new Cat())?.Speak(), "meow");
Check("IsT<IComparable>(string)", IsT<IComparable>("s"), true);
Check("IsT<IDisposable>(string)", IsT<IDisposable>("s"), false);
string castResult;
try { _ = HardCast<Dog>(new Cat()); castResult = "no exception"; }
catch (InvalidCastException) { castResult = "InvalidCastException"; }
Check("hard cast to T fails", castResult, "InvalidCastException");

// Generic virtual methods.
Visitor v = new Visitor(), dv = new DerivedVisitor();
Check("GVM base <string>", v.Visit("x"), "Visitor.Visit<String>(x)");
Check("GVM base <Dog>", v.Visit(new Dog()), "Visitor.Visit<Dog>(Dog)");
Check("GVM override <string>", dv.Visit("x"), "Derived.Visit<String>(x) then Visitor.Visit<String>(x)");
Check("GVM override <int>", dv.Visit(5), "Derived.Visit<Int32>(5) then Visitor.Visit<Int32>(5)");
Check("GVM override <Cat>", dv.Visit(new Cat()), "Derived.Visit<Cat>(Cat) then Visitor.Visit<Cat>(Cat)");
IConverter conv1 = new StringConverter(), conv2 = new ListConverter();
Check("interface GVM 1", conv1.Convert<Dog>(new Dog()), "str:Dog");
Check("interface GVM 2", conv2.Convert<Dog>(new Dog()), "list<Dog>:1");
Check("interface GVM 2 over value type", conv2.Convert<long>(3L), "list<Int64>:1");
Check("GVM from shared generic code", CallVisit<Animal>(dv, new Dog()), "Derived.Visit<Animal>(Dog) then Visitor.Visit<Animal>(Dog)");
Check("abstract GVM", ((Shelter)new DogShelter()).Admit<Cat>(new Cat()), "DogShelter admits Cat as Cat");

// Constraints.
Check("class constraint, null default", ClassDefault<string>() is null, true);
Check("struct constraint default", StructDefault<long>(), 0L);
Check("base class constraint", Loudest(new Animal[] { new Dog(), new Cat() }), "WOOF,MEOW");
Check("interface constraint on class", MaxOf(new[] { "pear", "apple", "zoo" }), "zoo");
Check("unmanaged constraint", SizeOf<Pt>() + SizeOf<long>(), 20);
Check("notnull constraint", Describe<string>("n"), "n");

// Generic class and method type parameters together.
var map = new Mapper<Dog>();
Check("class T + method U", map.Map<string>(new Dog(), d => d.Speak()), "Dog->String:woof");
Check("class T + method U (value)", map.Map<int>(new Dog(), d => d.Speak().Length), "Dog->Int32:4");
Check("class T + method U (ref type arg)", new Mapper<string>().Map<Cat>("x", _ => new Cat()), "String->Cat:Cat");

// Statics per reference-type instantiation are distinct despite shared code.
Registry<Dog>.Add("d1"); Registry<Dog>.Add("d2"); Registry<Cat>.Add("c1"); Registry<string>.Add("s1");
Check("static per reference instantiation", $"{Registry<Dog>.Count},{Registry<Cat>.Count},{Registry<string>.Count},{Registry<object>.Count}", "2,1,1,0");
Check("static type name per instantiation", Registry<Cat>.Kind, "Cat");

// Default comparers through shared code.
Check("Comparer<string>.Default ordinal-ish", SortedJoin(new[] { "b", "C", "a" }, StringComparer.Ordinal), "C,a,b");
Check("EqualityComparer<Dog>.Default reference", IndexOfRef(new[] { new Dog(), new Dog() }), -1);
Check("Activator.CreateInstance<T>", Activator.CreateInstance<Cat>().Speak(), "meow");

Console.WriteLine($"failed {failed}");
return failed;

static string NameOf<T>() => typeof(T).Name;
static T[] ArrayOf<T>(int n) => new T[n];
static List<T> MakeList<T>() => new();
static T Create<T>() where T : new() => new T();
[MethodImpl(MethodImplOptions.NoInlining)] static T? CastOrNull<T>(object o) where T : class => o as T;
[MethodImpl(MethodImplOptions.NoInlining)] static bool IsT<T>(object o) => o is T;
[MethodImpl(MethodImplOptions.NoInlining)] static T HardCast<T>(object o) => (T)o;
static string CallVisit<T>(Visitor v, T item) => v.Visit(item);
static T? ClassDefault<T>() where T : class => default;
static T StructDefault<T>() where T : struct => default;
static string Loudest<T>(T[] items) where T : Animal => string.Join(",", items.Select(i => i.Speak().ToUpperInvariant()));
static T MaxOf<T>(T[] items) where T : IComparable<T> { T m = items[0]; foreach (var x in items) if (x.CompareTo(m) > 0) m = x; return m; }
static int SizeOf<T>() where T : unmanaged => Unsafe.SizeOf<T>();
static string Describe<T>(T value) where T : notnull => value.ToString()!;
static string SortedJoin<T>(T[] items, IComparer<T> cmp) { var c = (T[])items.Clone(); Array.Sort(c, cmp); return string.Join(",", c); }
static int IndexOfRef<T>(T[] items) where T : new() => Array.IndexOf(items, new T());

class Animal { public virtual string Speak() => "..."; public override string ToString() => GetType().Name; }
class Dog : Animal { public override string Speak() => "woof"; }
class Cat : Animal { public override string Speak() => "meow"; }
struct Pt { public int X = 0, Y = 0, Z = 0; public Pt() { } public override string ToString() => $"Pt({X + Y + Z})"; }

class Holder<T> { public static string Describe<U>() => $"Holder<{typeof(T).Name}>.Describe<{typeof(U).Name}>"; }
class Factory<T> where T : new() { public T Make() => new(); }

class Visitor { public virtual string Visit<T>(T item) => $"Visitor.Visit<{typeof(T).Name}>({item})"; }
class DerivedVisitor : Visitor { public override string Visit<T>(T item) => $"Derived.Visit<{typeof(T).Name}>({item}) then " + base.Visit(item); }

interface IConverter { string Convert<T>(T item); }
class StringConverter : IConverter { public string Convert<T>(T item) => "str:" + item; }
class ListConverter : IConverter { public string Convert<T>(T item) { var l = new List<T> { item }; return $"list<{typeof(T).Name}>:{l.Count}"; } }

abstract class Shelter { public abstract string Admit<T>(T animal) where T : Animal; }
class DogShelter : Shelter { public override string Admit<T>(T animal) => $"DogShelter admits {animal} as {typeof(T).Name}"; }

class Mapper<T> { public string Map<U>(T input, Func<T, U> f) => $"{typeof(T).Name}->{typeof(U).Name}:{f(input)}"; }

static class Registry<T>
{
    private static readonly List<string> s_items = new();
    public static readonly string Kind = typeof(T).Name;
    public static void Add(string s) => s_items.Add(s);
    public static int Count => s_items.Count;
}
