using ILGPU;

namespace Minnow.Gpu.Kernels;

/// <summary>
/// Vector kernels, written once: ILGPU's PTX backend compiles them to PTX at build time
/// (Minnow.Gpu.Ptx), and host/Minnow.GpuServer runs the same methods on ILGPU's CPU accelerator.
/// They are implicitly grouped kernels: the launch covers <c>index</c> from 0 to the extent, and
/// ILGPU's PTX takes the extent as the first parameter (threads beyond it return at once).
/// </summary>
public static class VectorKernels
{
    /// <summary>y = a·x + y, element-wise.</summary>
    public static void Saxpy(Index1D index, float a, ArrayView<float> x, ArrayView<float> y)
    {
        y[index] = a * x[index] + y[index];
    }

    /// <summary>
    /// The first level of a sum reduction: element <c>index</c> of <paramref name="partials"/> is the sum
    /// of the <paramref name="chunk"/> elements of <paramref name="input"/> starting at index·chunk (fewer
    /// at the end), added in order so that every backend gets the same float result.
    /// </summary>
    public static void SumChunks(Index1D index, ArrayView<float> input, ArrayView<float> partials, int chunk)
    {
        long start = (long)index.X * chunk;
        long end = Math.Min(start + chunk, input.Length);
        float sum = 0;
        for (long i = start; i < end; i++)
        {
            sum += input[i];
        }
        partials[index] = sum;
    }
}
