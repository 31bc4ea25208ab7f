namespace Minnow.Net.Wire;

/// <summary>A TCP sequence number: 32-bit arithmetic modulo 2^32 (RFC 9293 section 3.4).</summary>
/// <remarks>Comparisons are valid between numbers less than 2^31 apart, which windows guarantee.</remarks>
public readonly struct TcpSeqNumber : IEquatable<TcpSeqNumber>, IComparable<TcpSeqNumber>
{
    public TcpSeqNumber(uint value) => Value = value;

    public uint Value { get; }

    public static TcpSeqNumber operator +(TcpSeqNumber seq, int offset) => new(unchecked(seq.Value + (uint)offset));

    public static TcpSeqNumber operator -(TcpSeqNumber seq, int offset) => new(unchecked(seq.Value - (uint)offset));

    /// <summary>The signed distance from <paramref name="right"/> to <paramref name="left"/>.</summary>
    public static int operator -(TcpSeqNumber left, TcpSeqNumber right) => unchecked((int)(left.Value - right.Value));

    public static bool operator <(TcpSeqNumber left, TcpSeqNumber right) => left - right < 0;

    public static bool operator >(TcpSeqNumber left, TcpSeqNumber right) => left - right > 0;

    public static bool operator <=(TcpSeqNumber left, TcpSeqNumber right) => left - right <= 0;

    public static bool operator >=(TcpSeqNumber left, TcpSeqNumber right) => left - right >= 0;

    public static bool operator ==(TcpSeqNumber left, TcpSeqNumber right) => left.Value == right.Value;

    public static bool operator !=(TcpSeqNumber left, TcpSeqNumber right) => left.Value != right.Value;

    public static TcpSeqNumber Max(TcpSeqNumber a, TcpSeqNumber b) => a >= b ? a : b;

    public static TcpSeqNumber Min(TcpSeqNumber a, TcpSeqNumber b) => a <= b ? a : b;

    public int CompareTo(TcpSeqNumber other) => Math.Sign(this - other);

    public bool Equals(TcpSeqNumber other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is TcpSeqNumber other && Equals(other);

    public override int GetHashCode() => (int)Value;

    public override string ToString() => Value.ToString();
}
