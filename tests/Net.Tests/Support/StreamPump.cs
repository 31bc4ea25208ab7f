using Minnow.Net.Tcp;

namespace Minnow.Net.Tests.Support;

/// <summary>Plays a program that writes a byte pattern into one socket and one that reads and checks it from another.</summary>
public sealed class StreamPump
{
    private readonly TcpSocket _writer;
    private readonly TcpSocket _reader;
    private readonly long _total;
    private readonly byte[] _chunk;
    private readonly byte[] _readBuffer = new byte[64 * 1024];
    private readonly bool _closeWhenDone;
    private long _written;

    public StreamPump(TcpSocket writer, TcpSocket reader, long total, bool closeWhenDone = true, int writeChunk = 64 * 1024)
    {
        _writer = writer;
        _reader = reader;
        _total = total;
        _closeWhenDone = closeWhenDone;
        _chunk = new byte[writeChunk];
    }

    public long Read { get; private set; }

    public bool EndOfStream { get; private set; }

    public bool ReaderPaused { get; set; }

    /// <summary>Byte i of the stream is a function of i, so every byte can be checked where it lands.</summary>
    public static byte PatternAt(long i) => (byte)((i * 31) ^ (i >> 11));

    public bool Step()
    {
        bool active = false;
        while (_written < _total)
        {
            int length = (int)Math.Min(_chunk.Length, _total - _written);
            for (int i = 0; i < length; i++)
            {
                _chunk[i] = PatternAt(_written + i);
            }
            TcpSendStatus status = _writer.TrySend(_chunk.AsSpan(0, length), out int accepted);
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
            for (int i = 0; i < read; i++)
            {
                if (_readBuffer[i] != PatternAt(Read + i))
                {
                    Assert.Fail($"byte {Read + i} is {_readBuffer[i]}, expected {PatternAt(Read + i)}");
                }
            }
            Read += read;
            active = true;
        }
        return active;
    }
}
