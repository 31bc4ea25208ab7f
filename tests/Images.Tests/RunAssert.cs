using Minnow.TestSupport;

namespace Minnow.Images.Tests;

/// <summary>Assertions on a finished minnow run whose failure messages carry the whole run.</summary>
public static class RunAssert
{
    public static void ExitStatus(int expected, ProcessResult run)
    {
        Assert.False(run.TimedOut, $"minnow run did not finish in time\n{run.Describe()}");
        Assert.True(run.ExitCode == expected, $"expected exit status {expected}, got {run.ExitCode}\n{run.Describe()}");
    }

    public static void StandardOutput(string expected, ProcessResult run) =>
        Assert.True(run.StandardOutput == expected,
            $"stdout differs\nexpected:\n{expected}\nactual:\n{run.StandardOutput}\n{run.Describe()}");

    public static void StandardOutputStartsWith(string expected, ProcessResult run) =>
        Assert.True(run.StandardOutput.StartsWith(expected, StringComparison.Ordinal),
            $"stdout does not start with \"{expected}\"\n{run.Describe()}");

    public static void StandardOutputContains(string expected, ProcessResult run) =>
        Assert.True(run.StandardOutput.Contains(expected, StringComparison.Ordinal),
            $"stdout does not contain \"{expected}\"\n{run.Describe()}");

    public static void StandardErrorContains(string expected, ProcessResult run) =>
        Assert.True(run.StandardError.Contains(expected, StringComparison.Ordinal),
            $"stderr does not contain \"{expected}\"\n{run.Describe()}");

    public static void StandardErrorLacks(string unexpected, ProcessResult run) =>
        Assert.False(run.StandardError.Contains(unexpected, StringComparison.Ordinal),
            $"stderr contains \"{unexpected}\"\n{run.Describe()}");
}
