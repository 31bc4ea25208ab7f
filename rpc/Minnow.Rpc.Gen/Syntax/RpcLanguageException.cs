namespace Minnow.Rpc.Gen.Syntax;

/// <summary>A mistake in a .x file. The compiler stops at the first one and reports it with its location.</summary>
public sealed class RpcLanguageException : Exception
{
    public RpcLanguageException(SourceLocation location, string message)
        : base($"{location}: error: {message}")
    {
        Location = location;
    }

    public SourceLocation Location { get; }
}
