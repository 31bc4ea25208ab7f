namespace Minnow.Net.Tcp;

/// <summary>
/// The retransmission timeout of RFC 6298: smoothed RTT and variance from samples (which the
/// caller takes only from segments never retransmitted, per Karn), doubled on each expiry.
/// </summary>
public sealed class TcpRttEstimator
{
    /// <summary>The clock granularity G of RFC 6298 section 2: time here is exact, so a millisecond.</summary>
    private static readonly TimeSpan Granularity = TimeSpan.FromMilliseconds(1);

    private readonly TimeSpan _minimum;
    private readonly TimeSpan _maximum;
    private bool _hasSample;

    public TcpRttEstimator(TimeSpan initial, TimeSpan minimum, TimeSpan maximum)
    {
        _minimum = minimum;
        _maximum = maximum;
        Rto = Clamp(initial);
    }

    public TimeSpan SmoothedRtt { get; private set; }

    public TimeSpan RttVariance { get; private set; }

    public TimeSpan Rto { get; private set; }

    public bool HasSample => _hasSample;

    public void AddSample(TimeSpan rtt)
    {
        if (rtt < TimeSpan.Zero)
        {
            return;
        }
        if (!_hasSample)
        {
            // RFC 6298 2.2
            SmoothedRtt = rtt;
            RttVariance = rtt / 2;
            _hasSample = true;
        }
        else
        {
            // RFC 6298 2.3, alpha = 1/8, beta = 1/4; RTTVAR first, from the old SRTT.
            TimeSpan error = (SmoothedRtt - rtt).Duration();
            RttVariance = (RttVariance * 3 + error) / 4;
            SmoothedRtt = (SmoothedRtt * 7 + rtt) / 8;
        }
        TimeSpan variance = RttVariance * 4;
        Rto = Clamp(SmoothedRtt + (variance > Granularity ? variance : Granularity));
    }

    /// <summary>RFC 6298 5.5: back off the timer after it expires.</summary>
    public void Backoff() => Rto = Clamp(Rto * 2);

    private TimeSpan Clamp(TimeSpan value) => value < _minimum ? _minimum : value > _maximum ? _maximum : value;
}
