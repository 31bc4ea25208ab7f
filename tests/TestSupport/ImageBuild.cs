namespace Minnow.TestSupport;

/// <summary>The result of one <c>minnow build</c>: the files it writes and what the tool printed.</summary>
public sealed record ImageBuild(string Name, string Image, string DebugImage, string MapFile, ProcessResult Process)
{
    public bool Succeeded => Process.ExitCode == 0 && !Process.TimedOut && File.Exists(Image);

    /// <summary>The image, or an exception that carries the build's output.</summary>
    public string RequireImage() =>
        Succeeded ? Image : throw new InvalidOperationException($"building image {Name} failed:\n{Process.Describe()}");
}
