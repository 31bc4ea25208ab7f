using Minnow.Net.Tcp;

namespace Minnow.Net.Tests.Tcp;

public class TcpRttEstimatorTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void FollowsRfc6298Formulas()
    {
        var rtt = new TcpRttEstimator(TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.FromSeconds(1), rtt.Rto); // 2.1: before any sample
        rtt.AddSample(Ms(100));
        // 2.2: SRTT = R, RTTVAR = R/2, RTO = SRTT + 4 RTTVAR
        Assert.Equal(Ms(100), rtt.SmoothedRtt);
        Assert.Equal(Ms(50), rtt.RttVariance);
        Assert.Equal(Ms(300), rtt.Rto);
        rtt.AddSample(Ms(200));
        // 2.3: RTTVAR = 3/4 * 50 + 1/4 * |100 - 200| = 62.5; SRTT = 7/8 * 100 + 1/8 * 200 = 112.5
        Assert.Equal(Ms(62.5), rtt.RttVariance);
        Assert.Equal(Ms(112.5), rtt.SmoothedRtt);
        Assert.Equal(Ms(362.5), rtt.Rto);
    }

    [Fact]
    public void ClampsToMinimumAndBacksOffToMaximum()
    {
        var rtt = new TcpRttEstimator(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        rtt.AddSample(Ms(1));
        Assert.Equal(TimeSpan.FromSeconds(1), rtt.Rto); // 2.4: at least the minimum
        for (int i = 0; i < 10; i++)
        {
            rtt.Backoff();
        }
        Assert.Equal(TimeSpan.FromSeconds(60), rtt.Rto); // 5.5 with the 2.5 maximum
    }

    [Fact]
    public void VarianceTermNeverDropsBelowTheClockGranularity()
    {
        var rtt = new TcpRttEstimator(TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.FromSeconds(60));
        for (int i = 0; i < 100; i++)
        {
            rtt.AddSample(Ms(10));
        }
        Assert.True(rtt.Rto >= Ms(11));
    }
}
