namespace Minnow.Build.Stubs;

/// <summary>
/// The x86-64 levels an image can be compiled for. ilc fixes SIMD support at compile time
/// (Vector256.IsHardwareAccelerated is a constant), so the default is x86-64-v3: AVX2 paths on
/// every CPU since 2013 and under QEMU's TCG with -cpu max. x86-64-v2 serves older CPUs.
/// </summary>
public static class InstructionSets
{
    public const string Default = "x86-64-v3";
    public static readonly string[] Supported = ["x86-64-v2", "x86-64-v3"];

    public static bool RequiresAvx2(string instructionSet) => instructionSet switch
    {
        "x86-64-v3" => true,
        "x86-64-v2" => false,
        _ => throw new BuildException($"unsupported instruction set '{instructionSet}': use {string.Join(" or ", Supported)}"),
    };
}
