using Minnow.Net.Tests.Support;
using Minnow.Net.Wire;

namespace Minnow.Net.Tests.Wire;

public class TcpHeaderTests
{
    private static readonly Ipv4Address Source = Ipv4Address.Parse("10.0.0.1");
    private static readonly Ipv4Address Destination = Ipv4Address.Parse("10.0.0.2");

    // SYN 10.0.0.1:49152 -> 10.0.0.2:80, seq 1, window ffff, MSS 1460. By hand: pseudo-header 1421,
    // header words c000+0050+0001+6002+ffff+0204+05b4 fold to 280c; 280c+1421 = 3c2d; ~ = c3d2.
    private const string Syn = "c000 0050 00000001 00000000 6002 ffff c3d2 0000 020405b4";

    [Fact]
    public void WritesSynByteExact()
    {
        byte[] segment = new byte[24];
        var options = new TcpOptions { MaxSegmentSize = 1460 };
        TcpHeader.Write(segment, 49152, 80, new TcpSeqNumber(1), new TcpSeqNumber(0), TcpFlags.Syn, 0xFFFF, options, Source, Destination);
        Assert.Equal(Hex.Of(Hex.Bytes(Syn)), Hex.Of(segment));
    }

    [Fact]
    public void ParsesSyn()
    {
        Assert.Equal(TcpStatus.Ok, TcpHeader.TryParse(Hex.Bytes(Syn), Source, Destination, out TcpHeader header));
        Assert.Equal(49152, header.SourcePort);
        Assert.Equal(80, header.DestinationPort);
        Assert.Equal(1u, header.Sequence.Value);
        Assert.Equal(TcpFlags.Syn, header.Flags);
        Assert.Equal(1460, header.Options.MaxSegmentSize);
        Assert.False(header.Options.HasWindowScale);
    }

    [Fact]
    public void ParsesLinuxStyleSynOptions()
    {
        // The option block Linux puts on a SYN: MSS 1460, SACK-permitted, timestamps, NOP, wscale 7.
        byte[] options = Hex.Bytes("020405b4 0402 080a 00001000 00000000 01 030307");
        Assert.Equal(TcpStatus.Ok, TcpOptions.TryParse(options, out TcpOptions parsed));
        Assert.Equal(1460, parsed.MaxSegmentSize);
        Assert.True(parsed.SackPermitted);
        Assert.True(parsed.HasTimestamps);
        Assert.Equal(0x1000u, parsed.TimestampValue);
        Assert.True(parsed.HasWindowScale);
        Assert.Equal(7, parsed.WindowScale);
    }

    [Fact]
    public void ClampsWindowScaleTo14()
    {
        Assert.Equal(TcpStatus.Ok, TcpOptions.TryParse(Hex.Bytes("030310 00"), out TcpOptions parsed));
        Assert.Equal(14, parsed.WindowScale);
    }

    [Fact]
    public void OptionsRoundTrip()
    {
        var options = new TcpOptions { MaxSegmentSize = 8960, HasWindowScale = true, WindowScale = 9, SackPermitted = true, HasTimestamps = true, TimestampValue = 7, TimestampEcho = 9 };
        options.AddSackBlock(new TcpSackBlock(new TcpSeqNumber(100), new TcpSeqNumber(200)));
        options.AddSackBlock(new TcpSackBlock(new TcpSeqNumber(300), new TcpSeqNumber(400)));
        byte[] bytes = new byte[options.EncodedLength];
        Assert.Equal(bytes.Length, options.Write(bytes));
        Assert.Equal(0, bytes.Length % 4);
        Assert.Equal(TcpStatus.Ok, TcpOptions.TryParse(bytes, out TcpOptions parsed));
        Assert.Equal(8960, parsed.MaxSegmentSize);
        Assert.Equal(9, parsed.WindowScale);
        Assert.True(parsed.SackPermitted);
        Assert.Equal(7u, parsed.TimestampValue);
        Assert.Equal(9u, parsed.TimestampEcho);
        Assert.Equal(2, parsed.SackBlockCount);
        Assert.Equal(300u, parsed.GetSackBlock(1).Left.Value);
        Assert.Equal(400u, parsed.GetSackBlock(1).Right.Value);
    }

    [Theory]
    [InlineData("0204 05")] // runs past the end
    [InlineData("0203 05")] // MSS with length 3
    [InlineData("0201")] // length below 2
    [InlineData("03 02")] // window scale with length 2
    [InlineData("050c 00000001 00000002 0000")] // SACK with a partial block
    [InlineData("02")] // kind without length
    public void RejectsMalformedOptions(string hex)
    {
        Assert.Equal(TcpStatus.BadOption, TcpOptions.TryParse(Hex.Bytes(hex), out _));
    }

    [Fact]
    public void SkipsUnknownOptionsAndStopsAtEnd()
    {
        Assert.Equal(TcpStatus.Ok, TcpOptions.TryParse(Hex.Bytes("fe04 abcd 0204 0218 00 ff ff"), out TcpOptions parsed));
        Assert.Equal(0x218, parsed.MaxSegmentSize);
    }

    [Theory]
    [InlineData("c000 0050 00000001 00000000 6002 ffff", TcpStatus.Truncated)]
    [InlineData("c000 0050 00000001 00000000 4002 ffff c3d2 0000 020405b4", TcpStatus.BadDataOffset)]
    [InlineData("c000 0050 00000001 00000000 7002 ffff c3d2 0000 020405b4", TcpStatus.BadDataOffset)]
    [InlineData("c000 0050 00000001 00000000 6002 ffff c3d3 0000 020405b4", TcpStatus.BadChecksum)]
    public void RejectsMalformedSegments(string hex, TcpStatus expected)
    {
        Assert.Equal(expected, TcpHeader.TryParse(Hex.Bytes(hex), Source, Destination, out _));
    }

    [Fact]
    public void SequenceNumbersCompareAcrossWraparound()
    {
        var high = new TcpSeqNumber(0xFFFF_FFF0);
        TcpSeqNumber wrapped = high + 0x20;
        Assert.Equal(0x10u, wrapped.Value);
        Assert.True(wrapped > high);
        Assert.Equal(0x20, wrapped - high);
        Assert.Equal(-0x20, high - wrapped);
    }
}
