using Minnow.Kernel.Time;

namespace Minnow.Kernel.Tests;

public sealed class PvClockScaleTests
{
    // A scale built the way a host derives one: pick the shift that puts the multiplier in
    // [2^31, 2^32), then multiplier = 10^9 * 2^32 / (hz * 2^shift).
    private static PvClockScale HostScale(ulong hz)
    {
        for (int shift = -8; shift <= 8; shift++)
        {
            double multiplier = 1e9 * 4294967296.0 / (hz * Math.Pow(2, shift));
            if (multiplier >= 2147483648.0 && multiplier < 4294967296.0)
                return new PvClockScale((uint)multiplier, (sbyte)shift);
        }
        throw new InvalidOperationException($"no scale for {hz} Hz");
    }

    [Theory]
    [InlineData(1_000_000_000UL)]
    [InlineData(2_445_408_000UL)]
    [InlineData(3_700_000_000UL)]
    [InlineData(800_000_000UL)]
    [InlineData(5_200_000_000UL)]
    public void The_frequency_is_recovered_from_the_host_scale_within_a_part_per_million(ulong hz)
    {
        var scale = HostScale(hz);
        double error = Math.Abs((double)scale.TscHz - hz) / hz;
        Assert.True(error < 1e-6, $"{hz} Hz -> mul {scale.Multiplier} shift {scale.Shift} -> {scale.TscHz} Hz");
    }

    [Fact]
    public void Converting_one_second_of_cycles_with_the_scale_gives_one_second()
    {
        var scale = HostScale(2_445_408_000UL);
        ulong cycles = scale.TscHz;
        ulong shifted = scale.Shift >= 0 ? cycles << scale.Shift : cycles >> -scale.Shift;
        ulong nanoseconds = (ulong)(((UInt128)shifted * scale.Multiplier) >> 32);
        Assert.InRange(nanoseconds, 999_999_000UL, 1_000_001_000UL);
    }

    [Theory]
    [InlineData(0u, (sbyte)0)]
    [InlineData(1u, (sbyte)-40)]
    [InlineData(0x8000_0000u, (sbyte)40)]
    public void An_unusable_scale_gives_no_frequency(uint multiplier, sbyte shift) =>
        Assert.Equal(0UL, new PvClockScale(multiplier, shift).TscHz);
}
