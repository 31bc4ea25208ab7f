namespace Minnow.Rpc.Gen.Syntax;

/// <summary>A preprocessed source file: its name and text, line for line as in the original.</summary>
public sealed record SourceText(string File, string Text);
