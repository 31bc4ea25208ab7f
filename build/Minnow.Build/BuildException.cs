namespace Minnow.Build;

/// <summary>A build failure with a message that says what went wrong and what to do about it.</summary>
public sealed class BuildException(string message) : Exception(message);
