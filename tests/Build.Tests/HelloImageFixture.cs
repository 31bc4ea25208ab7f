using Minnow.Qemu.Symbolization;
using Minnow.TestSupport;

namespace Minnow.Build.Tests;

/// <summary>images/hello, built once (make tool + minnow build) for the tests that read the linked image.</summary>
public sealed class HelloImageFixture
{
    private readonly Lazy<ImageBuild> _build = new(() => MinnowTool.Build(RepositoryPaths.Combine("images", "hello"), "tests-hello"));
    private readonly Lazy<ElfImage> _image;
    private readonly Lazy<ElfImage> _debugImage;

    public HelloImageFixture()
    {
        _image = new(() => ElfImage.Load(Build.RequireImage()));
        _debugImage = new(() => ElfImage.Load(RequireDebugImage()));
    }

    public ImageBuild Build => _build.Value;

    private string RequireDebugImage()
    {
        Build.RequireImage();
        return Build.DebugImage;
    }

    /// <summary>What boots: no symbols, no DWARF.</summary>
    public ElfImage Image => _image.Value;

    /// <summary>The same link with symbols and DWARF, for the symbolizer and gdb.</summary>
    public ElfImage DebugImage => _debugImage.Value;
}
