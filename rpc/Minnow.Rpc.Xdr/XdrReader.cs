using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Minnow.Rpc.Xdr;

/// <summary>
/// Reads XDR (RFC 4506) items from a span. Errors are sticky values: the first failure is kept in
/// <see cref="Error"/>, every later read returns a default value and consumes nothing, so decoding
/// code can read a whole structure and check once at the end. Lengths are checked against the
/// declared maximum, the <see cref="XdrLimits"/> policy and the bytes present before allocating.
/// </summary>
public ref struct XdrReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _depth;
    private XdrError _error;

    public XdrReader(ReadOnlySpan<byte> data, XdrLimits? limits = null)
    {
        _data = data;
        Limits = limits ?? XdrLimits.Default;
    }

    public XdrLimits Limits { get; }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool HasError => _error.Kind != XdrErrorKind.None;

    public readonly XdrError Error => _error;

    /// <summary>The bytes not read yet (for example the procedure arguments after a call header).</summary>
    public readonly ReadOnlySpan<byte> RemainingSpan => _data[_position..];

    /// <summary>Records a failure found by decoding code (an unknown discriminant, for example). The first one wins.</summary>
    public void Fail(XdrErrorKind kind, string detail)
    {
        if (_error.Kind == XdrErrorKind.None)
        {
            _error = new XdrError(kind, _position, detail);
        }
    }

    /// <summary>Fails with <see cref="XdrErrorKind.TrailingData"/> unless everything was read.</summary>
    public void ExpectEnd()
    {
        if (!HasError && Remaining != 0)
        {
            Fail(XdrErrorKind.TrailingData, $"{Remaining} bytes left after the item");
        }
    }

    public int ReadInt32() => (int)ReadUInt32();

    public uint ReadUInt32()
    {
        if (!Take(4, "int", out ReadOnlySpan<byte> bytes))
        {
            return 0;
        }
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    public long ReadInt64() => (long)ReadUInt64();

    public ulong ReadUInt64()
    {
        if (!Take(8, "hyper", out ReadOnlySpan<byte> bytes))
        {
            return 0;
        }
        return BinaryPrimitives.ReadUInt64BigEndian(bytes);
    }

    public float ReadSingle() => BitConverter.Int32BitsToSingle(ReadInt32());

    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    public bool ReadBoolean()
    {
        int start = _position;
        uint value = ReadUInt32();
        if (value > 1)
        {
            _position = start;
            Fail(XdrErrorKind.InvalidBoolean, $"boolean {value} is neither 0 nor 1");
            return false;
        }
        return value == 1;
    }

    /// <summary>Reads an enum and checks that <typeparamref name="TEnum"/> declares the value.</summary>
    public TEnum ReadEnum<TEnum>() where TEnum : struct, Enum
    {
        int start = _position;
        int value = ReadInt32();
        TEnum result = Unsafe.BitCast<int, TEnum>(value);
        if (!HasError && !Enum.IsDefined(result))
        {
            _position = start;
            Fail(XdrErrorKind.InvalidEnumValue, $"{value} is not a value of {typeof(TEnum).Name}");
            return default;
        }
        return result;
    }

    /// <summary>Reads a struct or union.</summary>
    public T Read<T>() where T : IXdrType<T> => T.Decode(ref this);

    /// <summary>Reads fixed-length opaque data into <paramref name="destination"/> (its length is the declared size).</summary>
    public void ReadFixedOpaque(Span<byte> destination)
    {
        if (Take(Padded(destination.Length), "fixed opaque", out ReadOnlySpan<byte> bytes))
        {
            bytes[..destination.Length].CopyTo(destination);
        }
    }

    public byte[] ReadFixedOpaque(int length)
    {
        if (length < 0)
        {
            Fail(XdrErrorKind.InvalidValue, $"fixed opaque length {length} is negative");
            return [];
        }
        if (!CheckAvailable(length, "fixed opaque"))
        {
            return [];
        }
        var result = new byte[length];
        ReadFixedOpaque(result);
        return result;
    }

    /// <summary>Reads variable-length opaque data without copying; the span aliases the input.</summary>
    public ReadOnlySpan<byte> ReadOpaqueSpan(uint maxLength = uint.MaxValue)
    {
        int length = ReadLength(maxLength, Limits.MaxOpaqueLength, 1, "opaque");
        if (HasError || !Take(Padded(length), "opaque", out ReadOnlySpan<byte> bytes))
        {
            return default;
        }
        return bytes[..length];
    }

    public byte[] ReadOpaque(uint maxLength = uint.MaxValue) => ReadOpaqueSpan(maxLength).ToArray();

    /// <summary>Reads a string; its bytes are taken as UTF-8 (XDR says ASCII, which is a subset).</summary>
    public string ReadString(uint maxLength = uint.MaxValue)
    {
        int length = ReadLength(maxLength, Limits.MaxStringLength, 1, "string");
        if (HasError || !Take(Padded(length), "string", out ReadOnlySpan<byte> bytes))
        {
            return string.Empty;
        }
        return Encoding.UTF8.GetString(bytes[..length]);
    }

    /// <summary>
    /// Reads the element count of a variable-length array, checked so that <paramref name="minElementSize"/>
    /// bytes per element are still present; 0 after an error, so decoding loops end.
    /// </summary>
    public int ReadArrayLength(uint maxLength = uint.MaxValue, int minElementSize = 4)
        => ReadLength(maxLength, Limits.MaxArrayLength, minElementSize, "array");

    public T[] ReadArray<T>(XdrDecode<T> decodeElement, uint maxLength = uint.MaxValue, int minElementSize = 4)
    {
        int count = ReadArrayLength(maxLength, minElementSize);
        return HasError ? [] : ReadElements(count, decodeElement);
    }

    public T[] ReadFixedArray<T>(int count, XdrDecode<T> decodeElement, int minElementSize = 4)
    {
        if (count < 0)
        {
            Fail(XdrErrorKind.InvalidValue, $"fixed array length {count} is negative");
            return [];
        }
        if (!CheckAvailable((long)count * minElementSize, "fixed array"))
        {
            return [];
        }
        return ReadElements(count, decodeElement);
    }

    /// <summary>Reads optional data (<c>type *name</c>): a boolean, then the value when it is true.</summary>
    public T? ReadOptional<T>(XdrDecode<T> decodeValue) where T : class
    {
        if (!ReadBoolean() || !Enter())
        {
            return null;
        }
        T value = decodeValue(ref this);
        _depth--;
        return HasError ? null : value;
    }

    /// <summary>Same as <see cref="ReadOptional{T}"/> for value types.</summary>
    public T? ReadOptionalValue<T>(XdrDecode<T> decodeValue) where T : struct
    {
        if (!ReadBoolean() || !Enter())
        {
            return null;
        }
        T value = decodeValue(ref this);
        _depth--;
        return HasError ? null : value;
    }

    private T[] ReadElements<T>(int count, XdrDecode<T> decodeElement)
    {
        if (count == 0 || !Enter())
        {
            return [];
        }
        var result = new T[count];
        for (int i = 0; i < count && !HasError; i++)
        {
            result[i] = decodeElement(ref this);
        }
        _depth--;
        return HasError ? [] : result;
    }

    // Recursive types (linked lists through optional data, trees through arrays) nest once per
    // element, so hostile input could otherwise overflow the stack.
    private bool Enter()
    {
        if (HasError)
        {
            return false;
        }
        if (_depth >= Limits.MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Fail(XdrErrorKind.NestingTooDeep, $"nesting deeper than {_depth} levels");
            return false;
        }
        _depth++;
        return true;
    }

    private int ReadLength(uint declaredMaximum, int limit, int minUnitSize, string what)
    {
        int start = _position;
        uint length = ReadUInt32();
        if (HasError)
        {
            return 0;
        }
        if (length > declaredMaximum)
        {
            _position = start;
            Fail(XdrErrorKind.LengthExceedsDeclaredMaximum, $"{what} length {length} exceeds the declared maximum {declaredMaximum}");
            return 0;
        }
        if (length > (uint)limit)
        {
            _position = start;
            Fail(XdrErrorKind.LengthExceedsLimit, $"{what} length {length} exceeds the limit {limit}");
            return 0;
        }
        if ((long)length * minUnitSize > Remaining)
        {
            _position = start;
            Fail(XdrErrorKind.LengthExceedsData, $"{what} length {length} exceeds the {Remaining} bytes left");
            return 0;
        }
        return (int)length;
    }

    private bool CheckAvailable(long byteCount, string what)
    {
        if (HasError)
        {
            return false;
        }
        if (byteCount > Remaining)
        {
            Fail(XdrErrorKind.EndOfData, $"{what} needs {byteCount} bytes, {Remaining} left");
            return false;
        }
        return true;
    }

    private bool Take(long byteCount, string what, out ReadOnlySpan<byte> bytes)
    {
        if (!CheckAvailable(byteCount, what))
        {
            bytes = default;
            return false;
        }
        bytes = _data.Slice(_position, (int)byteCount);
        _position += (int)byteCount;
        return true;
    }

    internal static long Padded(int length) => ((long)length + 3) & ~3L;
}
