namespace Minnow.Cli;

/// <summary>Finds the Minnow checkout the tool runs from (it holds runtime/ and kernel/).</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "runtime", "Minnow.Runtime", "Minnow.Runtime.csproj")))
                    return dir.FullName;
        }
        throw new Minnow.Build.BuildException("cannot find the Minnow checkout (a folder with runtime/Minnow.Runtime); run minnow from inside it");
    }
}
