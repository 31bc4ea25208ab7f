namespace Minnow.GpuServer;

/// <summary>A module the CPU device loaded: the <c>.entry</c> names of its PTX, and the kernel it runs for each one it knows.</summary>
internal sealed record LoadedModule(ulong Handle, IReadOnlyList<string> EntryNames, IReadOnlyDictionary<string, CpuKernel> Kernels);
