using System.Reflection;

namespace Minnow.Gpu.Kernels;

/// <summary>The kernels the build compiles to PTX and the CPU server can run, by name.</summary>
public static class KernelCatalog
{
    public static IReadOnlyList<(string Name, MethodInfo Method)> All { get; } =
    [
        ("Saxpy", Method(nameof(VectorKernels.Saxpy))),
        ("SumChunks", Method(nameof(VectorKernels.SumChunks))),
    ];

    private static MethodInfo Method(string name)
        => typeof(VectorKernels).GetMethod(name, BindingFlags.Public | BindingFlags.Static) ?? throw new MissingMethodException(nameof(VectorKernels), name);
}
