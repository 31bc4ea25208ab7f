namespace Minnow.Net.Wire;

/// <summary>One SACK block (RFC 2018): the received range [Left, Right).</summary>
public readonly struct TcpSackBlock
{
    public TcpSackBlock(TcpSeqNumber left, TcpSeqNumber right)
    {
        Left = left;
        Right = right;
    }

    public TcpSeqNumber Left { get; }

    public TcpSeqNumber Right { get; }
}
