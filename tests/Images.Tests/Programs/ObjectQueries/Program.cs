// LINQ over strings and objects, with record classes as the elements: everyday C# whose output
// must be byte-identical in an image and on host .NET (tests/Images.Tests/ConformanceTests.cs).
// Deterministic and free of exceptions, like Programs/Scenarios/Conformance.cs.
Order[] orders =
[
    new(1, "ann", "tea", 3, 2.50m),
    new(2, "bob", "coffee", 1, 3.75m),
    new(3, "ann", "coffee", 2, 3.75m),
    new(4, "cyd", "cake", 5, 1.20m),
    new(5, "bob", "tea", 4, 2.50m),
    new(6, "ann", "cake", 1, 1.20m),
];

Console.WriteLine("== strings");
string[] words = ["pear", "Apple", "fig", "banana", "cherry", "date", "apple"];
Console.WriteLine(string.Join(",", words.Where(w => w.Length > 3).Select(w => w.ToUpperInvariant()).ToArray()));
Console.WriteLine(string.Join(",", words.OrderBy(w => w, StringComparer.Ordinal)));
Console.WriteLine(string.Join(",", words.OrderBy(w => w.Length).ThenByDescending(w => w, StringComparer.Ordinal)));
Console.WriteLine(string.Join(",", words.Distinct(StringComparer.OrdinalIgnoreCase)));
Console.WriteLine(string.Join(" ", words.GroupBy(w => w.Length).OrderBy(g => g.Key).Select(g => $"{g.Key}:{string.Join("/", g)}")));
Console.WriteLine($"{words.First(w => w.StartsWith('b'))} {words.Max(StringComparer.Ordinal)} {words.Aggregate((a, b) => a.Length >= b.Length ? a : b)}");

Console.WriteLine("== objects");
foreach (var group in orders.GroupBy(o => o.Customer).OrderBy(g => g.Key, StringComparer.Ordinal))
    Console.WriteLine($"{group.Key}: {group.Count()} orders, {group.Sum(o => o.Quantity * o.Price)} total, {string.Join("+", group.Select(o => o.Product))}");
var byProduct = orders.ToLookup(o => o.Product);
Console.WriteLine(string.Join(" ", byProduct.Select(g => $"{g.Key}={g.Sum(o => o.Quantity)}")));
Console.WriteLine(string.Join(" ", orders.OrderByDescending(o => o.Quantity * o.Price).ThenBy(o => o.Id).Select((o, i) => $"{i + 1}.{o.Id}")));
var joined = from o in orders
             join p in new[] { new Product("tea", "hot"), new Product("coffee", "hot"), new Product("cake", "sweet") } on o.Product equals p.Name
             where o.Quantity > 1
             select $"{o.Id}:{p.Kind}";
Console.WriteLine(string.Join(",", joined));
var customers = orders.ToDictionary(o => o.Id, o => o.Customer);
Console.WriteLine($"{customers[4]} {orders.SelectMany(o => o.Product.ToCharArray()).Distinct().Count()} {orders.MaxBy(o => o.Price)!.Product} {orders.Select(o => o.Customer).Distinct().Count()}");

Console.WriteLine("== records");
Console.WriteLine(orders[0]);
var changed = orders[1] with { Quantity = 10 };
Console.WriteLine($"{changed} {changed == orders[1]} {orders[2] == new Order(3, "ann", "coffee", 2, 3.75m)}");
Console.WriteLine(string.Join("; ", orders.Where(o => o.Price > 2).Select(o => o with { Price = o.Price * 2 }).OrderBy(o => o.Id).ToList()));
Console.WriteLine("== done");
return 0;

internal sealed record Order(int Id, string Customer, string Product, int Quantity, decimal Price);

internal sealed record Product(string Name, string Kind);
