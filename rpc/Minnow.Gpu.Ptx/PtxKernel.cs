using System.Text;
using System.Text.RegularExpressions;

namespace Minnow.Gpu.Ptx;

/// <summary>
/// One kernel of Minnow.Gpu.Kernels compiled to PTX: a module with one entry. Its parameters follow
/// ILGPU's convention for implicitly grouped kernels: the extent (a 32-bit int) first, then the C#
/// parameters after the index, an ArrayView as 16 bytes (pointer, 64-bit element count).
/// </summary>
public sealed partial class PtxKernel
{
    private readonly byte[] _ptx;

    public PtxKernel(string name, string entryName, int parameterCount, byte[] ptx)
    {
        Name = name;
        EntryName = entryName;
        ParameterCount = parameterCount;
        _ptx = ptx;
    }

    /// <summary>The kernel's name in Minnow.Gpu.Kernels' catalog.</summary>
    public string Name { get; }

    /// <summary>The name of the module's <c>.entry</c>, for cuModuleGetFunction.</summary>
    public string EntryName { get; }

    /// <summary>How many parameters the entry takes (the extent and the C# parameters after the index).</summary>
    public int ParameterCount { get; }

    /// <summary>The PTX text (UTF-8, no terminator).</summary>
    public ReadOnlySpan<byte> Ptx => _ptx;

    public string PtxText => Encoding.UTF8.GetString(_ptx);

    /// <summary>The module image for cuModuleLoadData: the PTX followed by a NUL byte.</summary>
    public byte[] ToImage()
    {
        var image = new byte[_ptx.Length + 1];
        _ptx.CopyTo(image, 0);
        return image;
    }

    /// <summary>The names of the <c>.entry</c> functions in a PTX module's text.</summary>
    public static IReadOnlyList<string> EntryNames(string ptx)
        => EntryPattern().Matches(ptx).Select(m => m.Groups[1].Value).ToArray();

    [GeneratedRegex(@"\.entry\s+([A-Za-z_$][A-Za-z0-9_$]*)\s*\(")]
    private static partial Regex EntryPattern();
}
