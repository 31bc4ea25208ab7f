using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Minnow.Rpc.Xdr;

/// <summary>
/// Writes XDR (RFC 4506) items into a growable buffer. Values XDR cannot represent (a string
/// longer than its declared maximum, a fixed array of the wrong size, a null non-optional item)
/// record a sticky <see cref="Error"/> instead of throwing; later writes are ignored, and callers
/// check once before sending. A writer can be reset and reused to avoid allocations.
/// </summary>
public sealed class XdrWriter : IBufferWriter<byte>
{
    /// <summary>Opaque data of at least this many bytes given as an array is referenced, not copied.</summary>
    public const int ReferenceThreshold = 64 * 1024;

    private byte[] _buffer;
    private int _length;
    private XdrError _error;
    // Arrays written by reference (WriteOpaque(byte[])): each comes logically before the buffer's
    // byte at its position, so the message is buffer and arrays interleaved.
    private List<(int Position, ReadOnlyMemory<byte> Data)>? _references;
    private int _referencedBytes;

    public XdrWriter(int initialCapacity = 256)
    {
        _buffer = new byte[Math.Max(initialCapacity, 16)];
    }

    public int Length => _length + _referencedBytes;

    /// <summary>Whether arrays are referenced (see <see cref="GetPieces"/>); <see cref="WrittenSpan"/> then copies them in first.</summary>
    public bool HasReferences => _references is { Count: > 0 };

    public bool HasError => _error.Kind != XdrErrorKind.None;

    public XdrError Error => _error;

    public ReadOnlySpan<byte> WrittenSpan
    {
        get
        {
            Flatten();
            return _buffer.AsSpan(0, _length);
        }
    }

    public ReadOnlyMemory<byte> WrittenMemory
    {
        get
        {
            Flatten();
            return _buffer.AsMemory(0, _length);
        }
    }

    /// <summary>
    /// The message as consecutive pieces, the writer's buffer between referenced arrays, for a
    /// transport that sends them one after the other instead of copying them together.
    /// </summary>
    public List<ReadOnlyMemory<byte>> GetPieces()
    {
        var pieces = new List<ReadOnlyMemory<byte>>();
        int at = 0;
        foreach ((int position, ReadOnlyMemory<byte> data) in _references ?? [])
        {
            if (position > at)
            {
                pieces.Add(_buffer.AsMemory(at, position - at));
            }
            pieces.Add(data);
            at = position;
        }
        if (_length > at)
        {
            pieces.Add(_buffer.AsMemory(at, _length - at));
        }
        return pieces;
    }

    /// <summary>Copies referenced arrays into the buffer, so the message is one contiguous span.</summary>
    private void Flatten()
    {
        if (!HasReferences)
        {
            return;
        }
        var flat = new byte[Math.Max(_length + _referencedBytes, 16)];
        int written = 0;
        foreach (ReadOnlyMemory<byte> piece in GetPieces())
        {
            piece.Span.CopyTo(flat.AsSpan(written));
            written += piece.Length;
        }
        _buffer = flat;
        _length = written;
        _references!.Clear();
        _referencedBytes = 0;
    }

    /// <summary>Empties the writer and clears its error, keeping the buffer.</summary>
    public void Reset()
    {
        _length = 0;
        _error = default;
        _references?.Clear();
        _referencedBytes = 0;
    }

    /// <summary>Cuts the written bytes back to <paramref name="length"/> and clears the error, to rewrite a tail.</summary>
    public void Truncate(int length)
    {
        Flatten();
        _length = Math.Clamp(length, 0, _length);
        _error = default;
    }

    /// <summary>Records a failure found by encoding code. The first one wins.</summary>
    public void Fail(XdrErrorKind kind, string detail)
    {
        if (_error.Kind == XdrErrorKind.None)
        {
            _error = new XdrError(kind, _length, detail);
        }
    }

    public void WriteInt32(int value) => WriteUInt32((uint)value);

    public void WriteUInt32(uint value)
    {
        if (!HasError)
        {
            BinaryPrimitives.WriteUInt32BigEndian(Grow(4), value);
        }
    }

    public void WriteInt64(long value) => WriteUInt64((ulong)value);

    public void WriteUInt64(ulong value)
    {
        if (!HasError)
        {
            BinaryPrimitives.WriteUInt64BigEndian(Grow(8), value);
        }
    }

    public void WriteSingle(float value) => WriteInt32(BitConverter.SingleToInt32Bits(value));

    public void WriteDouble(double value) => WriteInt64(BitConverter.DoubleToInt64Bits(value));

    public void WriteBoolean(bool value) => WriteUInt32(value ? 1u : 0u);

    /// <summary>Writes an enum; XDR enums are 32-bit, so <typeparamref name="TEnum"/> must be int-sized.</summary>
    public void WriteEnum<TEnum>(TEnum value) where TEnum : struct, Enum
        => WriteInt32(System.Runtime.CompilerServices.Unsafe.BitCast<TEnum, int>(value));

    /// <summary>Writes a struct or union; null (which XDR cannot represent) is an error.</summary>
    public void Write<T>(T? value) where T : class, IXdrType<T>
    {
        if (value is null)
        {
            Fail(XdrErrorKind.InvalidValue, $"a {typeof(T).Name} is null");
            return;
        }
        value.Encode(this);
    }

    /// <summary>Writes fixed-length opaque data: exactly <paramref name="declaredLength"/> bytes and padding.</summary>
    public void WriteFixedOpaque(ReadOnlySpan<byte> data, int declaredLength)
    {
        if (data.Length != declaredLength)
        {
            Fail(XdrErrorKind.FixedLengthMismatch, $"fixed opaque of {declaredLength} bytes given {data.Length}");
            return;
        }
        WriteBytesPadded(data);
    }

    public void WriteOpaque(ReadOnlySpan<byte> data, uint maxLength = uint.MaxValue)
    {
        if ((uint)data.Length > maxLength)
        {
            Fail(XdrErrorKind.LengthExceedsDeclaredMaximum, $"opaque of {data.Length} bytes exceeds the declared maximum {maxLength}");
            return;
        }
        WriteUInt32((uint)data.Length);
        WriteBytesPadded(data);
    }

    /// <summary>
    /// Variable-length opaque data from an array: as <see cref="WriteOpaque(ReadOnlySpan{byte}, uint)"/>,
    /// but an array of <see cref="ReferenceThreshold"/> bytes or more is referenced, not copied, and
    /// goes out from where it is (a 16 MiB memory copy is not copied once more into the message).
    /// The caller leaves the array unchanged until the message is sent. Null is an empty opaque.
    /// </summary>
    public void WriteOpaque(byte[]? data, uint maxLength = uint.MaxValue)
    {
        if (data is null || data.Length < ReferenceThreshold)
        {
            WriteOpaque(data.AsSpan(), maxLength);
            return;
        }
        if ((uint)data.Length > maxLength)
        {
            Fail(XdrErrorKind.LengthExceedsDeclaredMaximum, $"opaque of {data.Length} bytes exceeds the declared maximum {maxLength}");
            return;
        }
        WriteUInt32((uint)data.Length);
        if (HasError)
        {
            return;
        }
        (_references ??= []).Add((_length, data));
        _referencedBytes += data.Length;
        int padding = (int)XdrReader.Padded(data.Length) - data.Length;
        if (padding > 0)
        {
            Grow(padding).Clear();
        }
    }

    public void WriteString(string? value, uint maxLength = uint.MaxValue)
    {
        if (value is null)
        {
            Fail(XdrErrorKind.InvalidValue, "a string is null");
            return;
        }
        int byteCount = Encoding.UTF8.GetByteCount(value);
        if ((uint)byteCount > maxLength)
        {
            Fail(XdrErrorKind.LengthExceedsDeclaredMaximum, $"string of {byteCount} bytes exceeds the declared maximum {maxLength}");
            return;
        }
        WriteUInt32((uint)byteCount);
        if (HasError)
        {
            return;
        }
        Span<byte> target = Grow((int)XdrReader.Padded(byteCount));
        int written = Encoding.UTF8.GetBytes(value, target);
        target[written..].Clear();
    }

    public void WriteArray<T>(IReadOnlyList<T>? values, XdrEncode<T> encodeElement, uint maxLength = uint.MaxValue)
    {
        if (values is null)
        {
            Fail(XdrErrorKind.InvalidValue, "an array is null");
            return;
        }
        if ((uint)values.Count > maxLength)
        {
            Fail(XdrErrorKind.LengthExceedsDeclaredMaximum, $"array of {values.Count} elements exceeds the declared maximum {maxLength}");
            return;
        }
        WriteUInt32((uint)values.Count);
        WriteElements(values, encodeElement);
    }

    public void WriteFixedArray<T>(IReadOnlyList<T>? values, int declaredLength, XdrEncode<T> encodeElement)
    {
        if (values is null || values.Count != declaredLength)
        {
            Fail(XdrErrorKind.FixedLengthMismatch, $"fixed array of {declaredLength} elements given {values?.Count.ToString() ?? "null"}");
            return;
        }
        WriteElements(values, encodeElement);
    }

    /// <summary>Writes optional data (<c>type *name</c>): false for null, else true and the value.</summary>
    public void WriteOptional<T>(T? value, XdrEncode<T> encodeValue) where T : class
    {
        WriteBoolean(value is not null);
        if (value is not null)
        {
            encodeValue(this, value);
        }
    }

    public void WriteOptionalValue<T>(T? value, XdrEncode<T> encodeValue) where T : struct
    {
        WriteBoolean(value.HasValue);
        if (value.HasValue)
        {
            encodeValue(this, value.Value);
        }
    }

    /// <summary>Appends bytes that are already XDR-encoded (for example procedure arguments).</summary>
    public void WriteRaw(ReadOnlySpan<byte> encoded)
    {
        if (!HasError)
        {
            encoded.CopyTo(Grow(encoded.Length));
        }
    }

    /// <summary>Overwrites an int written earlier, such as a length known only afterwards.</summary>
    public void PatchUInt32(int offset, uint value)
    {
        if (HasReferences && offset + 4 > _references![0].Position)
        {
            Flatten();
        }
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(offset, 4), value);
    }

    /// <inheritdoc />
    public void Advance(int count) => _length += count;

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureCapacity(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_length);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureCapacity(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_length);
    }

    private void WriteElements<T>(IReadOnlyList<T> values, XdrEncode<T> encodeElement)
    {
        for (int i = 0; i < values.Count && !HasError; i++)
        {
            encodeElement(this, values[i]);
        }
    }

    private void WriteBytesPadded(ReadOnlySpan<byte> data)
    {
        if (HasError)
        {
            return;
        }
        Span<byte> target = Grow((int)XdrReader.Padded(data.Length));
        data.CopyTo(target);
        target[data.Length..].Clear();
    }

    private Span<byte> Grow(int count)
    {
        EnsureCapacity(count);
        Span<byte> span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    private void EnsureCapacity(int count)
    {
        if (_buffer.Length - _length >= count)
        {
            return;
        }
        // Doubling, but by at most 1 MiB past what is needed now: a call carrying 16 MiB of opaque
        // data (a memory copy) then needs a buffer of about 16 MiB, not 32 MiB after the few header
        // bytes that follow it. Small records still double (amortised O(1) appends).
        long needed = (long)_length + count;
        long wanted = Math.Max(Math.Min((long)_buffer.Length * 2, needed + (1 << 20)), needed + Math.Min(needed, 4096));
        Array.Resize(ref _buffer, (int)Math.Min(wanted, Array.MaxLength));
    }
}
