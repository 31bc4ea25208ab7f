using Minnow.TestSupport;

namespace Minnow.Images.Tests;

/// <summary>
/// The images the tests boot, each built once per test run and only when a test first needs it
/// (a program that fails to build fails only the tests that use it). Builds go to out/test-images
/// under names of their own, so they never replace a developer's out/images.
/// </summary>
public sealed class TestImages
{
    private readonly Lazy<ImageBuild> _hello = new(() => MinnowTool.Build(RepositoryPaths.Combine("images", "hello"), "tests-hello"));
    private readonly Lazy<ImageBuild> _scenarios = new(() => MinnowTool.Build(ProgramSource("Scenarios"), "tests-scenarios"));
    private readonly Lazy<ImageBuild> _objectQueries = new(() => MinnowTool.Build(ProgramSource("ObjectQueries"), "tests-object-queries"));
    private readonly Lazy<ImageBuild> _sockets = new(() => MinnowTool.Build(ProgramSource("Sockets"), "tests-sockets"));
    private readonly Lazy<ImageBuild> _faults = new(() => MinnowTool.Build(ProgramSource("Faults"), "tests-faults", allowUnsafe: true));
    private readonly Lazy<HostProgram> _scenariosOnHost = new(() => HostDotnet.Build(ProgramSource("Scenarios"), "scenarios"));
    private readonly Lazy<HostProgram> _objectQueriesOnHost = new(() => HostDotnet.Build(ProgramSource("ObjectQueries"), "object-queries"));

    /// <summary>images/hello, the smallest image.</summary>
    public string Hello => _hello.Value.RequireImage();

    /// <summary>Programs/Scenarios: exit statuses, arguments, streams, memory, spinning, conformance sections.</summary>
    public string Scenarios => _scenarios.Value.RequireImage();

    /// <summary>Programs/ObjectQueries: LINQ over strings and record classes.</summary>
    public string ObjectQueries => _objectQueries.Value.RequireImage();

    /// <summary>Programs/Faults (unsafe): null and unmapped pointer reads, unbounded recursion.</summary>
    public string Faults => _faults.Value.RequireImage();

    /// <summary>Programs/Sockets: System.Net.Sockets in an image without a network.</summary>
    public string Sockets => _sockets.Value.RequireImage();

    public HostProgram ScenariosOnHost => _scenariosOnHost.Value;

    public HostProgram ObjectQueriesOnHost => _objectQueriesOnHost.Value;

    public static string ProgramSource(string name) => RepositoryPaths.Combine("tests", "Images.Tests", "Programs", name);
}
