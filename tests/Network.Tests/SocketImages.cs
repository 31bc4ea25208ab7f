using Minnow.TestSupport;

namespace Minnow.Network.Tests;

/// <summary>The SocketPeer image (stock System.Net.Sockets), built once per test run.</summary>
public static class SocketImages
{
    private static readonly Lazy<ImageBuild> s_socketPeer = new(() =>
        MinnowTool.Build(RepositoryPaths.Combine("tests", "Network.Tests", "Programs", "SocketPeer"), "tests-socket-peer"));

    public static string SocketPeer => s_socketPeer.Value.RequireImage();
}
