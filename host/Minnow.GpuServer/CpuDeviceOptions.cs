namespace Minnow.GpuServer;

/// <summary>Settings of the CPU-backed device.</summary>
public sealed record CpuDeviceOptions
{
    /// <summary>Device memory the server pretends to have (cudaMemGetInfo's total; cudaMalloc fails beyond it).</summary>
    public ulong MemoryBytes { get; init; } = 4UL << 30;

    /// <summary>The device name in cudaGetDeviceProperties.</summary>
    public string Name { get; init; } = "Minnow CPU device (ILGPU)";

    /// <summary>Where the server logs each call (null: nowhere).</summary>
    public TextWriter? Log { get; init; }
}
