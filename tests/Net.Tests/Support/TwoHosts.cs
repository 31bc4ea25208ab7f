using Minnow.Net.Tcp;

namespace Minnow.Net.Tests.Support;

/// <summary>
/// Two interfaces on one simulated link, 10.0.0.1/24 and 10.0.0.2/24, and a loop that polls both
/// in simulated time, jumping to the next frame arrival or timer when both are idle.
/// </summary>
public sealed class TwoHosts
{
    public static readonly Ipv4Address AddressA = new(10, 0, 0, 1);
    public static readonly Ipv4Address AddressB = new(10, 0, 0, 2);

    public TwoHosts(LinkConditions? conditions = null, int seed = 1, InterfaceOptions? optionsA = null, InterfaceOptions? optionsB = null, TransmitOffloads offloadsA = TransmitOffloads.None)
    {
        Link = new SimulatedLink(conditions ?? LinkConditions.Perfect, seed);
        Link.A.TransmitOffloads = offloadsA;
        A = new Interface(Link.A, optionsA ?? new InterfaceOptions { Secret = 0xA });
        B = new Interface(Link.B, optionsB ?? new InterfaceOptions { Secret = 0xB });
        A.Configure(new Ipv4Cidr(AddressA, 24));
        B.Configure(new Ipv4Cidr(AddressB, 24));
    }

    public SimulatedLink Link { get; }

    public Interface A { get; }

    public Interface B { get; }

    public TimeSpan Now => Link.Now;

    /// <summary>Timers of programs running on the hosts (a DHCP client), so idle time skips to them too.</summary>
    public List<Func<TimeSpan?>> ProgramDeadlines { get; } = [];

    /// <summary>
    /// Polls until <paramref name="done"/> holds. <paramref name="step"/> plays the programs on both
    /// hosts (reads, writes) after each round of polls and says whether it did anything.
    /// </summary>
    /// <returns>false when the simulated time limit passed or nothing was left to happen.</returns>
    public bool RunUntil(Func<bool> done, TimeSpan limit, Func<bool>? step = null)
    {
        TimeSpan end = Now + limit;
        while (true)
        {
            for (int round = 0; ; round++)
            {
                Link.AdvanceTo(Now);
                // The programs run first so what they queue goes out in the same round.
                bool active = step?.Invoke() ?? false;
                active |= A.Poll(Now) | B.Poll(Now);
                if (done())
                {
                    return true;
                }
                if (!active)
                {
                    break;
                }
                if (round > 1_000_000)
                {
                    throw new InvalidOperationException("no progress in simulated time: a poll loop that never goes idle");
                }
            }
            TimeSpan? next = Earliest(Link.NextDeliveryAt, Earliest(A.NextPollAt(), B.NextPollAt()));
            foreach (Func<TimeSpan?> deadline in ProgramDeadlines)
            {
                next = Earliest(next, deadline());
            }
            if (next is null || next > end)
            {
                return false;
            }
            // Time only moves forward; a deadline already due still gets one more poll round.
            Link.AdvanceTo(next.Value > Now ? next.Value : Now + TimeSpan.FromTicks(1));
        }
    }

    /// <summary>Connects a client on A to a listener on B; returns both established sockets.</summary>
    public (TcpSocket Client, TcpSocket Server) Connect(ushort port = 5001, TcpSocketOptions? clientOptions = null, TcpSocketOptions? serverOptions = null)
    {
        TcpSocket server = B.CreateTcpSocket(serverOptions);
        Assert.Equal(TcpOpenStatus.Ok, server.Listen(port));
        TcpSocket client = A.CreateTcpSocket(clientOptions);
        Assert.Equal(TcpOpenStatus.Ok, client.Connect(new Ipv4Endpoint(AddressB, port)));
        Assert.True(RunUntil(() => client.State == TcpState.Established && server.State == TcpState.Established, TimeSpan.FromSeconds(30)));
        return (client, server);
    }

    private static TimeSpan? Earliest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : (a < b ? a : b);
}
