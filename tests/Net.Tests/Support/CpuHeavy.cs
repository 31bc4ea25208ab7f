namespace Minnow.Net.Tests.Support;

/// <summary>
/// The long, CPU-bound tests (bulk transfers, fuzzing, the tshark scenario) share one collection
/// so xunit runs them one after another instead of letting them starve each other's time budgets.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CpuHeavy
{
    public const string Name = "CPU-heavy";
}
