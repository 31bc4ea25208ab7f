namespace Minnow.TestSupport;

/// <summary>A test program built for the host: run it with arguments, as Linux runs any program.</summary>
public sealed record HostProgram(string Name, string FileName, IReadOnlyList<string> LeadingArguments)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public ProcessResult Run(IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        ExternalProcess.Run(FileName, LeadingArguments.Concat(arguments), timeout ?? DefaultTimeout);
}
