using Minnow.Net.Tcp;

namespace Minnow.Net.Tests.Tcp;

public class TcpReassemblerTests
{
    [Fact]
    public void MergesOverlappingAndAdjacentRanges()
    {
        var r = new TcpReassembler();
        r.Add(10, 20);
        r.Add(30, 40);
        r.Add(20, 25); // adjacent to the first
        Assert.Equal(2, r.RangeCount);
        Assert.Equal((10, 25), r.GetRange(0));
        r.Add(24, 31); // bridges both
        Assert.Equal(1, r.RangeCount);
        Assert.Equal((10, 40), r.GetRange(0));
    }

    [Fact]
    public void TakesTheContiguousPrefixAndRebasesTheRest()
    {
        var r = new TcpReassembler();
        r.Add(5, 10);
        r.Add(20, 30);
        Assert.Equal(0, r.TakeContiguous());
        r.Add(0, 5);
        Assert.Equal(10, r.TakeContiguous());
        Assert.Equal((10, 20), r.GetRange(0));
    }

    [Fact]
    public void WhenFullANearerRangeEvictsTheFarthest()
    {
        var r = new TcpReassembler(maxRanges: 3);
        r.Add(10, 11);
        r.Add(20, 21);
        r.Add(30, 31);
        Assert.False(r.Add(40, 41)); // past everything: refused
        Assert.True(r.Add(0, 1)); // the front: evicts 30..31
        Assert.Equal(3, r.RangeCount);
        Assert.Equal((20, 21), r.GetRange(2));
    }

    [Fact]
    public void RandomRangesMatchABitmapModel()
    {
        var random = new Random(9);
        for (int trial = 0; trial < 200; trial++)
        {
            var r = new TcpReassembler(maxRanges: 64);
            var model = new bool[400];
            for (int i = 0; i < 40; i++)
            {
                int start = random.Next(1, 390);
                int end = start + random.Next(1, 10);
                Assert.True(r.Add(start, end));
                for (int b = start; b < end; b++)
                {
                    model[b] = true;
                }
            }
            var fromRanges = new bool[400];
            for (int k = 0; k < r.RangeCount; k++)
            {
                (int s, int e) = r.GetRange(k);
                if (k > 0)
                {
                    Assert.True(s > r.GetRange(k - 1).End, "ranges must stay sorted, disjoint and non-adjacent");
                }
                for (int b = s; b < e; b++)
                {
                    fromRanges[b] = true;
                }
            }
            Assert.Equal(model, fromRanges);
        }
    }
}
