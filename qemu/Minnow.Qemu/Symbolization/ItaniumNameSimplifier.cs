namespace Minnow.Qemu.Symbolization;

/// <summary>
/// Turns the common shapes of Itanium C++ mangled names (the NativeAOT runtime and GC are C++) into
/// "Namespace::Class::Method" without parameters: _Z&lt;name&gt;..., _ZN...E... with constructors and
/// destructors. Anything fancier (templates, substitutions, operators) is left to addr2line -C.
/// </summary>
internal static class ItaniumNameSimplifier
{
    public static bool TrySimplify(string mangled, out string readable)
    {
        readable = mangled;
        if (!mangled.StartsWith("_Z", StringComparison.Ordinal))
            return false;
        int i = 2;
        if (i < mangled.Length && mangled[i] == 'L')
            i++;
        if (i < mangled.Length && char.IsAsciiDigit(mangled[i]))
        {
            if (!TryReadSourceName(mangled, ref i, out string name))
                return false;
            readable = name;
            return true;
        }
        if (i >= mangled.Length || mangled[i] != 'N')
            return false;
        i++;
        while (i < mangled.Length && mangled[i] is 'r' or 'V' or 'K' or 'R' or 'O')
            i++;
        var parts = new List<string>();
        while (i < mangled.Length && mangled[i] != 'E')
        {
            char c = mangled[i];
            if (char.IsAsciiDigit(c))
            {
                if (!TryReadSourceName(mangled, ref i, out string name))
                    return false;
                parts.Add(name);
            }
            else if (c == 'C' && i + 1 < mangled.Length && mangled[i + 1] is >= '1' and <= '5' && parts.Count > 0)
            {
                parts.Add(parts[^1]);
                i += 2;
            }
            else if (c == 'D' && i + 1 < mangled.Length && mangled[i + 1] is >= '0' and <= '5' && parts.Count > 0)
            {
                parts.Add("~" + parts[^1]);
                i += 2;
            }
            else if (c == 'S' && i + 1 < mangled.Length && mangled[i + 1] == 't')
            {
                parts.Add("std");
                i += 2;
            }
            else
            {
                return false;
            }
        }
        if (i >= mangled.Length || parts.Count == 0)
            return false;
        readable = string.Join("::", parts);
        return true;
    }

    private static bool TryReadSourceName(string mangled, ref int i, out string name)
    {
        name = "";
        int length = 0;
        while (i < mangled.Length && char.IsAsciiDigit(mangled[i]))
        {
            length = length * 10 + (mangled[i] - '0');
            if (length > mangled.Length)
                return false;
            i++;
        }
        if (length == 0 || i + length > mangled.Length)
            return false;
        name = mangled.Substring(i, length);
        i += length;
        return true;
    }
}
