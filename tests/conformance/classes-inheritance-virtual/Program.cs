// Virtual dispatch through class hierarchies: virtual/override/new/abstract/sealed members over
// five levels, base calls chaining up, hiding with `new` (static type picks the member),
// virtual properties and indexers, calls from base constructors reaching the derived override,
// ToString/Equals overrides, and dispatch through base-typed arrays. Exit status = failed checks.
using System.Runtime.CompilerServices;

int failed = 0;
void Check(string what, object? actual, object? expected)
{
    bool ok = Equals(actual, expected);
    if (!ok) failed++;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual}{(ok ? "" : $" (expected {expected})")}");
}

Shape[] shapes = [new Circle(1), new Square(2), new ColoredSquare(3, "red"), new BorderedColoredSquare(4, "blue", 1), new Triangle(3, 4)];
foreach (var s in shapes)
    Console.WriteLine($"{s.GetType().Name}: name={s.Name} describe={s.Describe()} sides={s.Sides} tag={s.Tag()}");

Check("abstract area circle*100", (int)(shapes[0].Area() * 100), 314);
Check("square area", shapes[1].Area(), 4.0);
Check("colored square area via base", shapes[2].Area(), 9.0);
Check("bordered area", shapes[3].Area(), 36.0);
Check("triangle area", shapes[4].Area(), 6.0);

// Base chain: each level appends to the base result.
Check("describe chain", shapes[3].Describe(), "Shape(Square 6)(Colored blue)(Bordered 1)");

// Hiding with `new`: the static type selects the method.
var bcs = new BorderedColoredSquare(1, "green", 2);
Square asSquare = bcs;
ColoredSquare asColored = bcs;
Check("new-hidden via derived", bcs.Tag(), "bordered-tag");
Check("new-hidden via ColoredSquare", asColored.Tag(), "colored-tag");
Check("new-hidden via Square", asSquare.Tag(), "shape-tag");
Check("new virtual chain via Colored static type", asColored.Kind(), "bordered-kind");
Check("new virtual hidden via Square static type", asSquare.Kind(), "shape-kind");

// Virtual call from a base constructor reaches the override before the derived ctor body ran.
var logger = new DerivedInit();
Check("ctor virtual call saw uninitialised field", logger.SeenInBaseCtor, "derived:null");
Check("after ctor", logger.Describe(), "derived:set");

// Virtual properties and indexers.
Container c1 = new Container(), c2 = new DoublingContainer();
Check("virtual indexer base", c1[5], 5);
Check("virtual indexer override", c2[5], 10);
c2.Value = 7;
Check("virtual property setter override", c2.Value, 107);
c1.Value = 7;
Check("virtual property base", c1.Value, 7);

// Sealed override and sealed class.
Check("sealed override", new Leaf().Level(), 3);
Check("sealed override via base", ((Level1)new Leaf()).Level(), 3);
Check("mid level", ((Level1)new Level2()).Level(), 2);

// ToString / Equals / GetHashCode overrides through object.
object p1 = new Point(1, 2), p2 = new Point(1, 2), p3 = new Point(2, 1);
Check("ToString override", p1.ToString(), "(1, 2)");
Check("Equals override equal", p1.Equals(p2), true);
Check("Equals override different", p1.Equals(p3), false);
Check("GetHashCode override", p1.GetHashCode() == p2.GetHashCode(), true);
Check("object.Equals static", Equals(p1, p2), true);

// Many-level dispatch in a loop through object references: sum of overrides.
long total = 0;
object[] objs = new object[50];
for (int i = 0; i < objs.Length; i++)
    objs[i] = (i % 5) switch { 0 => new Level1(), 1 => new Level2(), 2 => new Leaf(), 3 => new OtherLeaf(), _ => new Level2() };
foreach (var o in objs) total += ((Level1)o).Level() * 10 + ((Level1)o).Name.Length;
Check("dispatch loop total", total, 2270L);

// Abstract class with a generic virtual in the middle.
Repo<int> repo = new CountingRepo();
repo.Add(1); repo.Add(2); repo.Add(3);
Check("abstract generic base count", repo.Count, 3);
Check("override of generic virtual", repo.Describe(), "CountingRepo[3] sum=6");

// Virtual call through a base reference after the runtime type was chosen opaquely.
Shape picked = Pick(3);
Check("opaque pick", picked.Name, "BorderedColoredSquare");
Check("is/as on hierarchy", (picked is ColoredSquare, picked as Circle is null, picked is Square sq && sq.Side == 6), (true, true, true));

Console.WriteLine($"failed {failed}");
return failed;

[MethodImpl(MethodImplOptions.NoInlining)]
static Shape Pick(int i) => shapes2()[i];
static Shape[] shapes2() => [new Circle(1), new Square(2), new ColoredSquare(3, "red"), new BorderedColoredSquare(4, "blue", 1)];

abstract class Shape
{
    public virtual string Name => GetType().Name;
    public abstract double Area();
    public virtual int Sides => 0;
    public virtual string Describe() => "Shape";
    public string Tag() => "shape-tag";
    public virtual string Kind() => "shape-kind";
}

sealed class Circle(double r) : Shape
{
    public override double Area() => Math.PI * r * r;
    public override string Describe() => base.Describe() + "(Circle)";
}

class Square(int side) : Shape
{
    public int Side => side;
    public override double Area() => side * side;
    public override int Sides => 4;
    public override string Describe() => base.Describe() + $"(Square {side})";
}

class ColoredSquare(int side, string color) : Square(side)
{
    public override string Describe() => base.Describe() + $"(Colored {color})";
    public new string Tag() => "colored-tag";
    public new virtual string Kind() => "colored-kind";
}

sealed class BorderedColoredSquare(int side, string color, int border) : ColoredSquare(side + 2 * border, color)
{
    public override string Describe() => base.Describe() + $"(Bordered {border})";
    public new string Tag() => "bordered-tag";
    public override string Kind() => "bordered-kind";
    public override string Name => nameof(BorderedColoredSquare);
}

class Triangle(double b, double h) : Shape
{
    public sealed override double Area() => b * h / 2;
    public override int Sides => 3;
}

class BaseInit
{
    public string SeenInBaseCtor;
    protected BaseInit() { SeenInBaseCtor = Describe(); }
    public virtual string Describe() => "base";
}

sealed class DerivedInit : BaseInit
{
    private string? _state;
    public DerivedInit() { _state = "set"; }
    public override string Describe() => "derived:" + (_state ?? "null");
}

class Container
{
    public virtual int this[int i] => i;
    private int _v;
    public virtual int Value { get => _v; set => _v = value; }
}

class DoublingContainer : Container
{
    public override int this[int i] => base[i] * 2;
    public override int Value { get => base.Value; set => base.Value = value + 100; }
}

class Level1 { public virtual int Level() => 1; public virtual string Name => "L1"; }
class Level2 : Level1 { public override int Level() => 2; public override string Name => "Level2"; }
sealed class Leaf : Level2 { public sealed override int Level() => 3; }
class OtherLeaf : Level2 { public override int Level() => base.Level() + 10; public override string Name => base.Name + "x"; }

sealed class Point(int x, int y)
{
    public int X => x; public int Y => y;
    public override string ToString() => $"({x}, {y})";
    public override bool Equals(object? obj) => obj is Point p && p.X == x && p.Y == y;
    public override int GetHashCode() => x * 31 + y;
}

abstract class Repo<T>
{
    protected readonly List<T> Items = new();
    public virtual void Add(T item) => Items.Add(item);
    public abstract int Count { get; }
    public virtual string Describe() => $"Repo[{Count}]";
}

sealed class CountingRepo : Repo<int>
{
    public override int Count => Items.Count;
    public override string Describe() => $"CountingRepo[{Count}] sum={Items.Sum()}";
}
