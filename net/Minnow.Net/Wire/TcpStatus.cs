namespace Minnow.Net.Wire;

public enum TcpStatus
{
    Ok,
    Truncated,
    /// <summary>Data offset below 5 words or beyond the segment.</summary>
    BadDataOffset,
    BadChecksum,
    /// <summary>An option whose length runs past the header or contradicts its kind.</summary>
    BadOption,
}
