namespace Minnow.Rpc.Gen.Emit;

/// <summary>Hands out distinct names within one C# scope: a clash (two .x names with the same .NET spelling, or a reserved member) gets a number.</summary>
public sealed class NameScope
{
    private readonly HashSet<string> _taken;

    public NameScope(params IEnumerable<string> reserved)
    {
        _taken = new HashSet<string>(reserved, StringComparer.Ordinal);
    }

    public string Claim(string wanted)
    {
        string name = wanted;
        for (int i = 2; !_taken.Add(name); i++)
        {
            name = $"{wanted}{i}";
        }
        return name;
    }
}
