using System.Diagnostics;
using Minnow.Gpu.Ptx;
using Minnow.Rpc.Cricket;

namespace Cricket.Tests.Support;

/// <summary>
/// The end-to-end workload, as an image runs it: load the build's PTX through Cricket, SAXPY over
/// <c>n</c> floats and a sum reduction on the server, results copied back and checked against the
/// same computation done locally.
/// </summary>
public static class GpuWorkload
{
    public const uint BlockSize = 256;
    public const int Chunk = 1024;

    public static async Task<string> RunAsync(CricketClient gpu, int n)
    {
        var timer = Stopwatch.StartNew();
        var x = new float[n];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (i % 1000) * 0.001f;
            y[i] = (i % 7) - 3;
        }
        const float a = 2.5f;

        CudaModule saxpyModule = await gpu.LoadPtxAsync(PtxKernels.Saxpy.Ptx);
        CudaFunction saxpy = await gpu.GetFunctionAsync(saxpyModule, PtxKernels.Saxpy.EntryName);
        CudaModule sumModule = await gpu.LoadPtxAsync(PtxKernels.SumChunks.Ptx);
        CudaFunction sumChunks = await gpu.GetFunctionAsync(sumModule, PtxKernels.SumChunks.EntryName);

        ulong bytes = (ulong)n * sizeof(float);
        int partialCount = (n + Chunk - 1) / Chunk;
        DevicePointer dx = await gpu.MallocAsync(bytes);
        DevicePointer dy = await gpu.MallocAsync(bytes);
        DevicePointer dPartials = await gpu.MallocAsync((ulong)partialCount * sizeof(float));
        await gpu.CopyToDeviceAsync(dx, x);
        await gpu.CopyToDeviceAsync(dy, y);

        await gpu.LaunchAsync(saxpy, Dim3.Covering(n, BlockSize), BlockSize,
            new KernelArguments().Add(n).Add(a).AddArrayView(dx, n).AddArrayView(dy, n));
        await gpu.LaunchAsync(sumChunks, Dim3.Covering(partialCount, BlockSize), BlockSize,
            new KernelArguments().Add(partialCount).AddArrayView(dy, n).AddArrayView(dPartials, partialCount).Add(Chunk));
        await gpu.SynchronizeAsync();

        var result = new float[n];
        var partials = new float[partialCount];
        await gpu.CopyFromDeviceAsync(dy, result);
        await gpu.CopyFromDeviceAsync(dPartials, partials);
        await gpu.FreeAsync(dx);
        await gpu.FreeAsync(dy);
        await gpu.FreeAsync(dPartials);

        for (int i = 0; i < n; i++)
        {
            float expected = a * x[i] + y[i];
            // A GPU may fuse the multiply-add: allow one rounding's difference.
            if (Math.Abs(result[i] - expected) > 1e-5f * Math.Max(1, Math.Abs(expected)))
            {
                throw new InvalidOperationException($"saxpy[{i}] = {result[i]}, expected {expected}");
            }
        }
        double remote = 0, local = 0;
        for (int c = 0; c < partialCount; c++)
        {
            float sum = 0;
            for (int i = c * Chunk; i < Math.Min(n, (c + 1) * Chunk); i++)
            {
                sum += result[i];
            }
            if (Math.Abs(partials[c] - sum) > 1e-3f * Math.Max(1, Math.Abs(sum)))
            {
                throw new InvalidOperationException($"partial sum {c} = {partials[c]}, expected {sum}");
            }
            remote += partials[c];
            local += sum;
        }
        return $"PASS saxpy n={n} sum={remote:F1} (local {local:F1}) in {timer.ElapsedMilliseconds} ms";
    }
}
