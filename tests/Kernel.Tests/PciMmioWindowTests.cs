using Minnow.Drivers.Pci;

namespace Minnow.Kernel.Tests;

public sealed class PciMmioWindowTests
{
    [Fact]
    public void Bars_are_naturally_aligned_and_do_not_overlap()
    {
        var window = new PciMmioWindow(0xC000_0000, 0xE000_0000);
        Assert.True(window.TryAllocate(0x1000, out ulong a));
        Assert.True(window.TryAllocate(0x4000, out ulong b));
        Assert.True(window.TryAllocate(0x1000, out ulong c));
        Assert.Equal(0xC000_0000UL, a);
        Assert.Equal(0xC000_4000UL, b);   // 16 KiB BAR on a 16 KiB boundary, after the first page
        Assert.Equal(0xC000_8000UL, c);
    }

    [Fact]
    public void A_bar_that_does_not_fit_is_refused()
    {
        var window = new PciMmioWindow(0xC000_0000, 0xC001_0000);
        Assert.False(window.TryAllocate(0x2_0000, out ulong address));
        Assert.Equal(0UL, address);
        Assert.False(window.TryAllocate(0, out _));
    }
}
