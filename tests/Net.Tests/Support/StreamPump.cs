using Minnow.Net.Tcp;

namespace Minnow.Net.Tests.Support;

/// <summary>Plays a program that writes a byte pattern into one socket and one that reads and checks it from another.</summary>
public sealed class StreamPump
{
    private readonly TcpSocket _writer;
    private readonly TcpSocket _reader;
    private readonly long _total;
    private readonly byte[] _readBuffer = new byte[64 * 1024];
    private readonly bool _closeWhenDone;
    private readonly int _writeChunk;
    private long _written;

    public StreamPump(TcpSocket writer, TcpSocket reader, long total, bool closeWhenDone = true, int writeChunk = 64 * 1024)
    {
        _writer = writer;
        _reader = reader;
        _total = total;
        _closeWhenDone = closeWhenDone;
        _writeChunk = writeChunk;
    }

    public long Read { get; private set; }

    public bool EndOfStream { get; private set; }

    public bool ReaderPaused { get; set; }

    /// <summary>
    /// The stream repeats a pseudo-random block whose length is prime (65521), so no segment-sized
    /// shift, duplication or reordering of data can line up with the pattern by accident.
    /// </summary>
    private const int Period = 65521;

    // Two periods back to back, so any window of up to a period is one slice to compare.
    private static readonly byte[] s_pattern = MakePattern();

    public static byte PatternAt(long i) => s_pattern[(int)(i % Period)];

    private static byte[] MakePattern()
    {
        byte[] pattern = new byte[2 * Period];
        new Random(Period).NextBytes(pattern.AsSpan(0, Period));
        pattern.AsSpan(0, Period).CopyTo(pattern.AsSpan(Period));
        return pattern;
    }

    private static ReadOnlySpan<byte> PatternFrom(long position, int length) => s_pattern.AsSpan((int)(position % Period), length);

    public bool Step()
    {
        bool active = false;
        while (_written < _total)
        {
            int length = (int)Math.Min(Math.Min(_writeChunk, _total - _written), _writer.SendSpace);
            if (length == 0)
            {
                break;
            }
            length = Math.Min(length, Period);
            TcpSendStatus status = _writer.TrySend(PatternFrom(_written, length), out int accepted);
            Assert.True(status is TcpSendStatus.Ok or TcpSendStatus.WouldBlock, $"send failed: {status}");
            if (accepted == 0)
            {
                break;
            }
            _written += accepted;
            active = true;
        }
        if (_written == _total && _closeWhenDone && _writer.State is TcpState.Established or TcpState.CloseWait)
        {
            _writer.Close();
            active = true;
        }
        while (!ReaderPaused)
        {
            TcpReceiveStatus status = _reader.TryReceive(_readBuffer, out int read);
            if (status == TcpReceiveStatus.EndOfStream)
            {
                EndOfStream = true;
                break;
            }
            if (status != TcpReceiveStatus.Ok || read == 0)
            {
                Assert.True(status == TcpReceiveStatus.WouldBlock, $"receive failed: {status} ({_reader.Error})");
                break;
            }
            for (int done = 0; done < read;)
            {
                int length = Math.Min(read - done, Period);
                ReadOnlySpan<byte> actual = _readBuffer.AsSpan(done, length);
                if (!actual.SequenceEqual(PatternFrom(Read + done, length)))
                {
                    int i = 0;
                    while (actual[i] == PatternAt(Read + done + i))
                    {
                        i++;
                    }
                    Assert.Fail($"byte {Read + done + i} is {actual[i]}, expected {PatternAt(Read + done + i)}");
                }
                done += length;
            }
            Read += read;
            active = true;
        }
        return active;
    }
}
