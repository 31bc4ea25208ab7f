using System.Net;

namespace Minnow.Rpc.Server;

/// <summary>
/// Serves RPC programs over TCP and UDP. Add programs (generated skeletons or hand-written
/// <see cref="IRpcProgram"/>s), start the transports, and optionally register them with the
/// host's portmapper (<see cref="Binding.PortmapRegistration"/>).
/// </summary>
public sealed class RpcServer : IAsyncDisposable
{
    private readonly Dictionary<(uint Program, uint Version), IRpcProgram> _programs = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly RpcCallProcessor _processor;
    private TcpServerTransport? _tcp;
    private UdpServerTransport? _udp;

    public RpcServer(RpcServerOptions? options = null)
    {
        Options = options ?? RpcServerOptions.Default;
        _processor = new RpcCallProcessor(this);
    }

    public RpcServerOptions Options { get; }

    /// <summary>The bound TCP address (with the port the system chose for port 0), once started.</summary>
    public IPEndPoint? TcpEndPoint => _tcp?.LocalEndPoint;

    public IPEndPoint? UdpEndPoint => _udp?.LocalEndPoint;

    /// <summary>TCP connections open now.</summary>
    public int TcpConnectionCount => _tcp?.ConnectionCount ?? 0;

    /// <summary>The programs served, in no particular order.</summary>
    public IReadOnlyList<IRpcProgram> Programs
    {
        get
        {
            lock (_programs)
            {
                return [.. _programs.Values];
            }
        }
    }

    /// <summary>Serves <paramref name="program"/>, replacing any earlier one with the same program and version.</summary>
    public RpcServer Add(IRpcProgram program)
    {
        lock (_programs)
        {
            _programs[(program.Program, program.Version)] = program;
        }
        return this;
    }

    /// <summary>Listens for TCP connections on <paramref name="endPoint"/> (port 0: any free port).</summary>
    public IPEndPoint StartTcp(IPEndPoint endPoint)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        if (_tcp is not null)
        {
            throw new InvalidOperationException("TCP is already started");
        }
        _tcp = new TcpServerTransport(endPoint, _processor, Options, _stopping.Token);
        return _tcp.LocalEndPoint;
    }

    /// <summary>Receives UDP calls on <paramref name="endPoint"/> (port 0: any free port).</summary>
    public IPEndPoint StartUdp(IPEndPoint endPoint)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        if (_udp is not null)
        {
            throw new InvalidOperationException("UDP is already started");
        }
        _udp = new UdpServerTransport(endPoint, _processor, _stopping.Token);
        return _udp.LocalEndPoint;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        _stopping.Cancel();
        if (_tcp is not null)
        {
            await _tcp.StopAsync().ConfigureAwait(false);
        }
        if (_udp is not null)
        {
            await _udp.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The program for a call, or null with the range of versions served for that program (low &gt; high: none).</summary>
    internal IRpcProgram? FindProgram(uint program, uint version, out uint lowVersion, out uint highVersion)
    {
        lowVersion = uint.MaxValue;
        highVersion = 0;
        lock (_programs)
        {
            if (_programs.TryGetValue((program, version), out IRpcProgram? found))
            {
                return found;
            }
            foreach ((uint served, uint servedVersion) in _programs.Keys)
            {
                if (served == program)
                {
                    lowVersion = Math.Min(lowVersion, servedVersion);
                    highVersion = Math.Max(highVersion, servedVersion);
                }
            }
        }
        return null;
    }
}
