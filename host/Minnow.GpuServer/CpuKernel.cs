using System.Buffers.Binary;
using System.Linq.Expressions;
using System.Reflection;
using ILGPU;
using Minnow.Rpc.Cricket;

namespace Minnow.GpuServer;

/// <summary>
/// A kernel of Minnow.Gpu.Kernels that the CPU device runs in place of the PTX entry of the same
/// kernel. Launch parameters are decoded as ILGPU's PTX takes them: the extent (32-bit int) first,
/// then each C# parameter after the index: scalars by size, ArrayView&lt;T&gt; as (pointer, 64-bit
/// element count), resolved against <see cref="DeviceMemory"/>.
/// </summary>
internal sealed class CpuKernel
{
    private readonly Action<int, int, object[]> _runRange;
    private readonly ParameterInfo[] _parameters;

    public CpuKernel(string name, string entryName, MethodInfo method)
    {
        Name = name;
        EntryName = entryName;
        Method = method;
        _parameters = method.GetParameters();
        if (_parameters.Length == 0 || _parameters[0].ParameterType != typeof(Index1D))
        {
            throw new ArgumentException($"{method.Name} is not an implicitly grouped 1D kernel", nameof(method));
        }
        _runRange = CompileRange(method, _parameters);
    }

    public string Name { get; }

    public string EntryName { get; }

    public MethodInfo Method { get; }

    /// <summary>Parameters of the PTX entry: the extent and the C# parameters after the index.</summary>
    public int ParameterCount => _parameters.Length;

    /// <summary>
    /// Runs the kernel for global indices 0 .. min(extent, threads) - 1, where threads = grid.x·block.x
    /// (ILGPU's 1D kernels use x only). Returns a CUDA error number: 0, 1 for a malformed blob, 700 for
    /// a pointer outside device memory or an index outside a view.
    /// </summary>
    public int Launch(DeviceMemory memory, ReadOnlySpan<byte> blob, ulong threads, out string? detail)
    {
        detail = null;
        if (blob.Length < 8)
        {
            detail = "argument blob shorter than its count";
            return CudaErrors.InvalidValue;
        }
        ulong count = BinaryPrimitives.ReadUInt64LittleEndian(blob);
        if (count != (ulong)_parameters.Length || (ulong)blob.Length < 8 + 2 * count)
        {
            detail = $"{count} parameters in the blob, {Name} takes {_parameters.Length}";
            return CudaErrors.InvalidValue;
        }
        int n = (int)count;
        int area = 8 + 2 * n;
        var values = new object[n - 1];
        int extent = 0;
        for (int j = 0; j < n; j++)
        {
            int position = area + BinaryPrimitives.ReadUInt16LittleEndian(blob[(8 + 2 * j)..]);
            Type type = _parameters[j].ParameterType;
            int size = j == 0 ? 4 : ParameterSize(type);
            // Cricket's server reads 8 bytes at every parameter: the blob must have them.
            if (position + Math.Max(size, 8) > blob.Length)
            {
                detail = $"parameter {j} at {position} runs past the {blob.Length}-byte blob";
                return CudaErrors.InvalidValue;
            }
            ReadOnlySpan<byte> bytes = blob.Slice(position, size);
            if (j == 0)
            {
                extent = BinaryPrimitives.ReadInt32LittleEndian(bytes);
                continue;
            }
            object? value = Decode(memory, type, bytes);
            if (value is null)
            {
                detail = $"parameter {j} ({_parameters[j].Name}) is not a view of device memory";
                return CudaErrors.IllegalAddress;
            }
            values[j - 1] = value;
        }
        int total = (int)Math.Min((ulong)Math.Max(extent, 0), threads);
        try
        {
            const int Step = 1 << 16;
            Parallel.For(0, (total + Step - 1) / Step, block => _runRange(block * Step, Math.Min(total, (block + 1) * Step), values));
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is IndexOutOfRangeException))
        {
            detail = $"{Name}: {e.InnerExceptions[0].Message}";
            return CudaErrors.IllegalAddress;
        }
        return CudaErrors.Success;
    }

    private static int ParameterSize(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ArrayView<>))
        {
            return 16;
        }
        return type == typeof(float) || type == typeof(int) || type == typeof(uint) ? 4
            : type == typeof(double) || type == typeof(long) || type == typeof(ulong) ? 8
            : throw new NotSupportedException($"kernel parameters of type {type} are not supported by the CPU device");
    }

    private static object? Decode(DeviceMemory memory, Type type, ReadOnlySpan<byte> bytes)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ArrayView<>))
        {
            ulong pointer = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            long length = BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
            Type element = type.GetGenericArguments()[0];
            int elementSize = System.Runtime.InteropServices.Marshal.SizeOf(element);
            if (length < 0 || length > long.MaxValue / elementSize)
            {
                return null;
            }
            if (length == 0)
            {
                return Activator.CreateInstance(type);
            }
            if (!memory.TryGetView(pointer, (ulong)(length * elementSize), out ArrayView<byte> view))
            {
                return null;
            }
            return typeof(ArrayView<byte>).GetMethod(nameof(ArrayView<byte>.Cast))!.MakeGenericMethod(element).Invoke(view, null);
        }
        if (type == typeof(float)) return BinaryPrimitives.ReadSingleLittleEndian(bytes);
        if (type == typeof(int)) return BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (type == typeof(uint)) return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        if (type == typeof(double)) return BinaryPrimitives.ReadDoubleLittleEndian(bytes);
        if (type == typeof(long)) return BinaryPrimitives.ReadInt64LittleEndian(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    /// <summary>(start, end, args) => for (i = start; i &lt; end; i++) Kernel(new Index1D(i), (T1)args[0], ...).</summary>
    private static Action<int, int, object[]> CompileRange(MethodInfo method, ParameterInfo[] parameters)
    {
        ParameterExpression start = Expression.Parameter(typeof(int), "start");
        ParameterExpression end = Expression.Parameter(typeof(int), "end");
        ParameterExpression args = Expression.Parameter(typeof(object[]), "args");
        ParameterExpression index = Expression.Variable(typeof(int), "i");
        ParameterExpression[] locals = parameters.Skip(1).Select(p => Expression.Variable(p.ParameterType, p.Name)).ToArray();
        LabelTarget done = Expression.Label("done");
        var body = new List<Expression>();
        for (int k = 0; k < locals.Length; k++)
        {
            body.Add(Expression.Assign(locals[k], Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(k)), locals[k].Type)));
        }
        body.Add(Expression.Assign(index, start));
        Expression call = Expression.Call(method, locals.Prepend<Expression>(Expression.New(typeof(Index1D).GetConstructor([typeof(int)])!, index)));
        body.Add(Expression.Loop(
            Expression.IfThenElse(
                Expression.LessThan(index, end),
                Expression.Block(call, Expression.PreIncrementAssign(index)),
                Expression.Break(done)),
            done));
        return Expression.Lambda<Action<int, int, object[]>>(Expression.Block(locals.Append(index), body), start, end, args).Compile();
    }
}
