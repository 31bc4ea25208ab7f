using Minnow.TestSupport;

namespace Minnow.Network.Tests;

/// <summary>The NetPeer image, built once per test run.</summary>
public static class NetworkImages
{
    private static readonly Lazy<ImageBuild> s_netPeer = new(() =>
        MinnowTool.Build(RepositoryPaths.Combine("tests", "Network.Tests", "Programs", "NetPeer"), "tests-net-peer"));

    public static string NetPeer => s_netPeer.Value.RequireImage();
}
