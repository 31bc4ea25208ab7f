namespace Minnow.Qemu.Symbolization;

/// <summary>The frames recovered (frame 0 first) and why unwinding ended.</summary>
public sealed record UnwindResult(IReadOnlyList<UnwoundFrame> Frames, UnwindStopReason StopReason, string StopDetail)
{
    /// <summary>True when the stack was walked to its end or to the frame limit, not stopped by missing or bad data.</summary>
    public bool IsComplete => StopReason is UnwindStopReason.OutermostFrame or UnwindStopReason.FrameLimitReached;
}
