namespace Minnow.Kernel.Time;

/// <summary>
/// The TSC-to-nanoseconds scale a KVM host publishes in its pvclock structure (kvmclock):
/// nanoseconds = ((cycles shifted left by <see cref="Shift"/>, or right when negative) * <see cref="Multiplier"/>) >> 32.
/// The host derives it from its own, exact TSC frequency, so the guest's frequency follows without
/// timing anything against the PIT. Pure arithmetic, tested on the host.
/// </summary>
public readonly record struct PvClockScale(uint Multiplier, sbyte Shift)
{
    /// <summary>The TSC frequency in Hz the scale stands for; 0 when the scale is unusable.</summary>
    public ulong TscHz
    {
        get
        {
            if (Multiplier == 0 || Shift < -31 || Shift > 31)
                return 0;
            // One second of nanoseconds, scaled by 2^32, divided by the multiplier: cycles per second
            // before the shift is undone.
            UInt128 hz = ((UInt128)1_000_000_000UL << 32) / Multiplier;
            hz = Shift >= 0 ? hz >> Shift : hz << -Shift;
            return hz > ulong.MaxValue ? 0 : (ulong)hz;
        }
    }
}
