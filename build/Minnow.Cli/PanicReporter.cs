namespace Minnow.Cli;

/// <summary>Relays kernel lines to stderr; turns panic reports into symbolized ones.</summary>
internal sealed class PanicReporter(string symbolImage, TextWriter output)
{
    public void OnKernelLine(string line, bool echo)
    {
        if (echo)
            output.WriteLine(line);
    }
}
