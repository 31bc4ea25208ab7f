namespace Minnow.Images.Tests;

/// <summary>
/// Every test class that boots images belongs here: they share one <see cref="TestImages"/> and run
/// one at a time, since each QEMU under TCG keeps a core busy and this machine has two.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ImagesCollection : ICollectionFixture<TestImages>
{
    public const string Name = "Images";
}
