namespace Minnow.Rpc.Transport;

/// <summary>What <see cref="RecordReader.ReadAsync"/> found.</summary>
public enum RecordReadStatus
{
    /// <summary>A complete record.</summary>
    Record,
    /// <summary>The stream ended cleanly between records.</summary>
    EndOfStream,
    /// <summary>The stream ended inside a record.</summary>
    Truncated,
    /// <summary>The record is larger than the reader's limit; the stream cannot be resynchronised.</summary>
    TooLarge,
    /// <summary>The stream failed (connection reset, socket closed, cancelled).</summary>
    Failed,
}
