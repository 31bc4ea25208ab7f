namespace Minnow.Rpc.Xdr;

/// <summary>Why an XDR encode or decode failed.</summary>
public enum XdrErrorKind
{
    None = 0,
    /// <summary>The data ended before the item was complete.</summary>
    EndOfData,
    /// <summary>A length is larger than the maximum the type declares (<c>&lt;N&gt;</c>).</summary>
    LengthExceedsDeclaredMaximum,
    /// <summary>A length is larger than the reader's <see cref="XdrLimits"/> allow.</summary>
    LengthExceedsLimit,
    /// <summary>A length claims more bytes (or elements) than the data still holds.</summary>
    LengthExceedsData,
    /// <summary>A boolean or optional-data flag other than 0 or 1.</summary>
    InvalidBoolean,
    /// <summary>An enum value the type does not declare.</summary>
    InvalidEnumValue,
    /// <summary>A union discriminant with no arm and no default arm.</summary>
    InvalidDiscriminant,
    /// <summary>Nesting (optional data, arrays) deeper than the limit or the stack allows.</summary>
    NestingTooDeep,
    /// <summary>A fixed-size item (fixed array, fixed opaque) was given the wrong number of elements.</summary>
    FixedLengthMismatch,
    /// <summary>A value that XDR cannot represent, such as a missing (null) non-optional item.</summary>
    InvalidValue,
    /// <summary>Bytes were left over after the item that should have used the whole input.</summary>
    TrailingData,
}
