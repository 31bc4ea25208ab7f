namespace Minnow.Net.Tests.Support;

/// <summary>How a <see cref="SimulatedLink"/> mistreats frames; every choice comes from a seeded RNG.</summary>
public sealed record LinkConditions
{
    public double LossRate { get; init; }

    public double DuplicationRate { get; init; }

    /// <summary>Chance that a frame is held back by <see cref="ReorderDelay"/>, letting later ones overtake it.</summary>
    public double ReorderRate { get; init; }

    public TimeSpan ReorderDelay { get; init; } = TimeSpan.FromMilliseconds(3);

    /// <summary>One-way propagation delay.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Serialisation rate in bytes per second (0 = infinite): frames queue behind each other.</summary>
    public long BytesPerSecond { get; init; }

    public static LinkConditions Perfect => new();
}
