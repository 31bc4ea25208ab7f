namespace Minnow.Rpc.Cricket;

/// <summary>Grid or block dimensions of a kernel launch (CUDA's dim3).</summary>
public readonly record struct Dim3(uint X, uint Y = 1, uint Z = 1)
{
    public static implicit operator Dim3(uint x) => new(x);

    /// <summary>The number of blocks of <paramref name="blockSize"/> threads that cover <paramref name="threads"/> threads in x.</summary>
    public static Dim3 Covering(long threads, uint blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        ArgumentOutOfRangeException.ThrowIfZero(blockSize);
        return new Dim3(checked((uint)((threads + blockSize - 1) / blockSize)));
    }

    public override string ToString() => $"({X}, {Y}, {Z})";
}
