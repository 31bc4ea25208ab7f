using System.Buffers.Binary;

namespace Minnow.Rpc.Cricket;

/// <summary>
/// The parameters of a kernel launch, in the blob Cricket's launch procedures (317 and 1018) take.
/// The blob is raw little-endian bytes, not XDR:
/// <code>
/// [u64 n][u16 offset_0 .. offset_(n-1)][parameter bytes]
/// </code>
/// The server passes <c>blob + 8 + 2n + offset_j</c> as the j-th parameter pointer to cuLaunchKernel,
/// which copies as many bytes as the kernel declares for that parameter. Before that it reads and
/// rewrites 8 bytes at every parameter (translating device addresses it knows), so every parameter
/// here gets its own slot of at least 8 bytes, starting at a multiple of 8 and zero-padded: the
/// 8 bytes the server touches never reach into the next parameter, and the last one is readable.
/// </summary>
public sealed class KernelArguments
{
    /// <summary>Every slot starts at a multiple of this many bytes and is at least this long.</summary>
    public const int SlotAlignment = 8;

    private readonly List<byte[]> _parameters = [];

    public int Count => _parameters.Count;

    public KernelArguments Add(DevicePointer value) => Add(value.Address);

    public KernelArguments Add(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return AddBytes(bytes);
    }

    public KernelArguments Add(long value) => Add(unchecked((ulong)value));

    public KernelArguments Add(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return AddBytes(bytes);
    }

    public KernelArguments Add(int value) => Add(unchecked((uint)value));

    public KernelArguments Add(float value) => Add(BitConverter.SingleToUInt32Bits(value));

    public KernelArguments Add(double value) => Add(BitConverter.DoubleToUInt64Bits(value));

    /// <summary>
    /// An ILGPU <c>ArrayView&lt;T&gt;</c> parameter: ILGPU's PTX backend passes a view as a 16-byte
    /// structure, the element pointer then the length in elements (a 64-bit integer).
    /// </summary>
    public KernelArguments AddArrayView(DevicePointer pointer, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, pointer.Address);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), length);
        return AddBytes(bytes);
    }

    /// <summary>A parameter given as its raw little-endian bytes (a structure passed by value).</summary>
    public KernelArguments AddBytes(ReadOnlySpan<byte> value)
    {
        ArgumentOutOfRangeException.ThrowIfZero(value.Length);
        _parameters.Add(value.ToArray());
        return this;
    }

    /// <summary>The blob: count, offsets, then the parameters in their slots.</summary>
    public byte[] ToBlob()
    {
        int n = _parameters.Count;
        var offsets = new int[n];
        int size = 0;
        for (int j = 0; j < n; j++)
        {
            offsets[j] = size;
            size += RoundUp(Math.Max(_parameters[j].Length, SlotAlignment));
        }
        if (n > 0 && offsets[n - 1] > ushort.MaxValue)
        {
            throw new InvalidOperationException($"kernel parameters take {size} bytes: offsets are 16-bit in Cricket's blob");
        }
        int header = 8 + 2 * n;
        var blob = new byte[header + size];
        BinaryPrimitives.WriteUInt64LittleEndian(blob, (ulong)n);
        for (int j = 0; j < n; j++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(blob.AsSpan(8 + 2 * j), (ushort)offsets[j]);
            _parameters[j].CopyTo(blob.AsSpan(header + offsets[j]));
        }
        return blob;
    }

    private static int RoundUp(int length) => (length + SlotAlignment - 1) / SlotAlignment * SlotAlignment;
}
