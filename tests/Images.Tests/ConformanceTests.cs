using Minnow.TestSupport;

namespace Minnow.Images.Tests;

/// <summary>
/// Differential tests: the same C# runs in an image and on host .NET (HostDotnet), and stdout must
/// be byte-identical. Each section of Programs/Scenarios/Conformance.cs boots on its own, so one
/// failing area does not hide the others. When a section differs, compare with host NativeAOT
/// before blaming Minnow (ilc 10.0.12 has known bugs of its own): with MINNOW_TEST_NATIVEAOT=1 a
/// failure also publishes the program with NativeAOT for the host and says which side it agrees with.
/// </summary>
[Collection(ImagesCollection.Name)]
public sealed class ConformanceTests(TestImages images)
{
    /// <summary>The sections of Conformance.cs; <see cref="Every_section_of_the_program_has_a_test"/> keeps this list complete.</summary>
    private static readonly string[] SectionNames =
    [
        "lists", "dictionaries", "sets", "formatting", "builders", "interfaces", "generics",
        "generic-virtual-methods", "linq", "spans", "strings", "iterators", "record-structs",
    ];

    public static TheoryData<string> Sections()
    {
        var data = new TheoryData<string>();
        foreach (var name in SectionNames)
            data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Section_output_matches_host_dotnet(string section)
    {
        var host = images.ScenariosOnHost.Run(["conformance", section]);
        Assert.True(host.ExitCode == 0, $"the section fails on host .NET itself\n{host.Describe()}");

        var image = MinnowTool.Run(images.Scenarios, new MinnowRunOptions { ProgramArguments = ["conformance", section] });

        AssertSameOutput(host, image, () => HostDotnet.PublishNativeAot(TestImages.ProgramSource("Scenarios"), "scenarios").Run(["conformance", section]));
    }

    [Fact]
    public void Linq_over_strings_and_records_matches_host_dotnet()
    {
        var host = images.ObjectQueriesOnHost.Run([]);
        Assert.True(host.ExitCode == 0, $"the program fails on host .NET itself\n{host.Describe()}");

        var image = MinnowTool.Run(images.ObjectQueries);

        AssertSameOutput(host, image, () => HostDotnet.PublishNativeAot(TestImages.ProgramSource("ObjectQueries"), "object-queries").Run([]));
    }

    [Fact]
    public void Every_section_of_the_program_has_a_test()
    {
        var host = images.ScenariosOnHost.Run(["conformance", "list"]);

        Assert.Equal(0, host.ExitCode);
        Assert.Equal(SectionNames, host.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static void AssertSameOutput(ProcessResult host, ProcessResult image, Func<ProcessResult> hostNativeAot)
    {
        bool sameOutput = host.StandardOutputBytes.AsSpan().SequenceEqual(image.StandardOutputBytes);
        if (sameOutput && image.ExitCode == 0 && !image.TimedOut)
            return;
        var expected = host.StandardOutput.Split('\n');
        var actual = image.StandardOutput.Split('\n');
        int line = 0;
        while (line < expected.Length && line < actual.Length && expected[line] == actual[line])
            line++;
        Assert.Fail(
            (sameOutput
                ? $"the image printed what host .NET prints but exited with {image.ExitCode}\n"
                : $"the image's stdout differs from host .NET's at line {line + 1}\n" +
                  $"host:  {(line < expected.Length ? expected[line] : "(end of output)")}\n" +
                  $"image: {(line < actual.Length ? actual[line] : "(end of output)")}\n") +
            NativeAotVerdict(host, image, hostNativeAot) +
            $"--- host stdout ---\n{host.StandardOutput}\n{image.Describe()}");
    }

    /// <summary>With MINNOW_TEST_NATIVEAOT=1: whether host NativeAOT agrees with the JIT (then Minnow is at fault) or with the image (then ilc is).</summary>
    private static string NativeAotVerdict(ProcessResult host, ProcessResult image, Func<ProcessResult> hostNativeAot)
    {
        if (Environment.GetEnvironmentVariable("MINNOW_TEST_NATIVEAOT") != "1")
            return "(set MINNOW_TEST_NATIVEAOT=1 to compare with host NativeAOT too)\n";
        var aot = hostNativeAot();
        if (aot.StandardOutputBytes.AsSpan().SequenceEqual(host.StandardOutputBytes) && aot.ExitCode == host.ExitCode)
            return "host NativeAOT agrees with host .NET: the difference is Minnow's\n";
        if (aot.StandardOutputBytes.AsSpan().SequenceEqual(image.StandardOutputBytes))
            return "host NativeAOT agrees with the image: the difference is ilc's, not Minnow's\n";
        return $"host NativeAOT agrees with neither:\n{aot.Describe()}";
    }
}
