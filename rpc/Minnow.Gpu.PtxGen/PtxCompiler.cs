using System.Reflection;
using System.Text.RegularExpressions;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace Minnow.Gpu.PtxGen;

/// <summary>
/// ILGPU's PTX backend used directly: a context with the Cuda backend enabled (which loads no
/// driver), a <see cref="PTXBackend"/> for a fixed architecture, and <see cref="Backend.Compile"/>
/// on each kernel method. Nothing here touches a GPU.
/// </summary>
public sealed partial class PtxCompiler : IDisposable
{
    /// <summary>The oldest target the PTX runs on; drivers JIT it for newer GPUs.</summary>
    public static readonly CudaArchitecture Architecture = CudaArchitecture.SM_52;

    /// <summary>PTX ISA 6.0 (CUDA 9): every CUDA 12 driver accepts it.</summary>
    public static readonly CudaInstructionSet InstructionSet = CudaInstructionSet.ISA_60;

    private readonly Context _context;
    private readonly PTXBackend _backend;

    public PtxCompiler()
    {
        _context = Context.Create(builder => builder.Cuda().Optimize(OptimizationLevel.O2));
        _backend = new PTXBackend(_context, new CudaCapabilityContext(Architecture), Architecture, InstructionSet, nvvmAPI: null);
    }

    /// <summary>The PTX module of one implicitly grouped kernel, and its entry's name.</summary>
    public (string Ptx, string EntryName) Compile(MethodInfo kernel)
    {
        EntryPointDescription entry = EntryPointDescription.FromImplicitlyGroupedKernel(kernel);
        KernelSpecialization specialization = KernelSpecialization.Empty;
        var compiled = (PTXCompiledKernel)_backend.Compile(entry, specialization);
        string ptx = compiled.PTXAssembly.ReplaceLineEndings("\n");
        Match match = EntryPattern().Match(ptx);
        if (!match.Success)
        {
            throw new InvalidOperationException($"ILGPU's PTX for {kernel.Name} has no .entry");
        }
        return (ptx, match.Groups[1].Value);
    }

    public void Dispose()
    {
        _backend.Dispose();
        _context.Dispose();
    }

    [GeneratedRegex(@"\.entry\s+([A-Za-z_$][A-Za-z0-9_$]*)\s*\(")]
    private static partial Regex EntryPattern();
}
