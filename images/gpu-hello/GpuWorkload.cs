// The end-to-end GPU workload, one source file for every place that runs it: the gpu-hello image,
// the same folder as a host program (dotnet run), and tests/Cricket.Tests (linked in).
using System.Diagnostics;
using Minnow.Gpu.Ptx;
using Minnow.Rpc.Cricket;

namespace Minnow.GpuHello;

/// <summary>
/// Loads the build's PTX through Cricket, runs SAXPY over <c>n</c> floats and a sum reduction on the
/// server, copies the results back and checks them against the same computation done locally.
/// </summary>
public static class GpuWorkload
{
    public const uint BlockSize = 256;
    public const int Chunk = 1024;
    public const float A = 2.5f;

    /// <summary>Runs the workload; returns its PASS line (with timings) or throws <see cref="InvalidOperationException"/> on a wrong result.</summary>
    public static async Task<string> RunAsync(CricketClient gpu, int n, CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        var x = new float[n];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (i % 1000) * 0.001f;
            y[i] = (i % 7) - 3;
        }

        var phase = Stopwatch.StartNew();
        CudaModule saxpyModule = await gpu.LoadPtxAsync(PtxKernels.Saxpy.Ptx, cancellationToken);
        CudaFunction saxpy = await gpu.GetFunctionAsync(saxpyModule, PtxKernels.Saxpy.EntryName, cancellationToken);
        CudaModule sumModule = await gpu.LoadPtxAsync(PtxKernels.SumChunks.Ptx, cancellationToken);
        CudaFunction sumChunks = await gpu.GetFunctionAsync(sumModule, PtxKernels.SumChunks.EntryName, cancellationToken);
        long loadMs = phase.ElapsedMilliseconds;

        phase.Restart();
        ulong bytes = (ulong)n * sizeof(float);
        int partialCount = (n + Chunk - 1) / Chunk;
        DevicePointer dx = await gpu.MallocAsync(bytes, cancellationToken);
        DevicePointer dy = await gpu.MallocAsync(bytes, cancellationToken);
        DevicePointer dPartials = await gpu.MallocAsync((ulong)partialCount * sizeof(float), cancellationToken);
        await gpu.CopyToDeviceAsync(dx, x, cancellationToken);
        await gpu.CopyToDeviceAsync(dy, y, cancellationToken);
        long uploadMs = phase.ElapsedMilliseconds;

        phase.Restart();
        await gpu.LaunchAsync(saxpy, Dim3.Covering(n, BlockSize), BlockSize,
            new KernelArguments().Add(n).Add(A).AddArrayView(dx, n).AddArrayView(dy, n), cancellationToken: cancellationToken);
        await gpu.LaunchAsync(sumChunks, Dim3.Covering(partialCount, BlockSize), BlockSize,
            new KernelArguments().Add(partialCount).AddArrayView(dy, n).AddArrayView(dPartials, partialCount).Add(Chunk), cancellationToken: cancellationToken);
        await gpu.SynchronizeAsync(cancellationToken);
        long kernelMs = phase.ElapsedMilliseconds;

        phase.Restart();
        var result = new float[n];
        var partials = new float[partialCount];
        await gpu.CopyFromDeviceAsync(dy, result, cancellationToken);
        await gpu.CopyFromDeviceAsync(dPartials, partials, cancellationToken);
        long downloadMs = phase.ElapsedMilliseconds;
        await gpu.FreeAsync(dx, cancellationToken);
        await gpu.FreeAsync(dy, cancellationToken);
        await gpu.FreeAsync(dPartials, cancellationToken);

        phase.Restart();
        for (int i = 0; i < n; i++)
        {
            float expected = A * x[i] + y[i];
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
        long checkMs = phase.ElapsedMilliseconds;
        return $"PASS saxpy n={n} sum={remote:F1} (local {local:F1}) in {total.ElapsedMilliseconds} ms " +
               $"(load {loadMs} ms, upload {uploadMs} ms, kernels {kernelMs} ms, download {downloadMs} ms, check {checkMs} ms)";
    }
}
