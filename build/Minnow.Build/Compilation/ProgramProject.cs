using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Minnow.Build.Compilation;

/// <summary>
/// A program folder may hold one .csproj beside its sources (so that the same folder also builds and
/// runs as a host program with <c>dotnet run</c>). Its <c>&lt;ProjectReference&gt;</c>s are the
/// libraries the image uses beyond the class library, Minnow.Platform and Minnow.Net: <c>minnow build</c>
/// builds them with the program and hands their assemblies (and what they reference) to ilc. The
/// rest of that .csproj is ignored: the image's own project is generated.
/// </summary>
public static class ProgramProject
{
    /// <summary>The projects the program folder's .csproj references (full paths), or none without one.</summary>
    public static IReadOnlyList<string> References(string sourceDirectory)
    {
        var projects = Directory.GetFiles(sourceDirectory, "*.csproj", SearchOption.TopDirectoryOnly);
        if (projects.Length == 0)
            return [];
        if (projects.Length > 1)
            throw new BuildException($"{sourceDirectory} holds {projects.Length} .csproj files: at most one (its ProjectReferences are the image's libraries)");
        var references = new List<string>();
        foreach (var (include, _) in ProjectReferences(projects[0]))
        {
            if (!File.Exists(include))
                throw new BuildException($"{projects[0]}: referenced project {include} does not exist");
            references.Add(include);
        }
        return references;
    }

    /// <summary>
    /// Every file the referenced projects build from: the files under each project's folder (bin/ and
    /// obj/ aside), followed through their ProjectReferences (generators included), plus files outside
    /// those folders that a project names (imports, RPC definitions). Part of the image's fingerprint.
    /// </summary>
    public static IEnumerable<string> SourceFiles(string sourceDirectory)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(References(sourceDirectory));
        foreach (var own in Directory.GetFiles(sourceDirectory, "*.csproj", SearchOption.TopDirectoryOnly))
            files.Add(Path.GetFullPath(own));
        while (pending.Count > 0)
        {
            string project = pending.Pop();
            if (!seen.Add(project) || !File.Exists(project))
                continue;
            string folder = Path.GetDirectoryName(project)!;
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                if (!relative.StartsWith("bin/") && !relative.StartsWith("obj/") && !relative.Contains("/bin/") && !relative.Contains("/obj/"))
                    files.Add(file);
            }
            foreach (var (include, isProject) in ProjectReferences(project, everyItem: true))
            {
                if (isProject)
                    pending.Push(include);
                else if (File.Exists(include))
                    files.Add(include);
            }
        }
        return files;
    }

    /// <summary>
    /// The assemblies beside <paramref name="programAssembly"/> that it needs, directly or through each
    /// other, that are neither in <paramref name="excluded"/> (Minnow's runtime, the framework) nor
    /// absent from its folder: ilc's inputs besides the program.
    /// </summary>
    public static IReadOnlyList<string> ReferencedAssemblies(string programAssembly, ISet<string> excluded)
    {
        string folder = Path.GetDirectoryName(programAssembly)!;
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<string>([programAssembly]);
        while (pending.Count > 0)
        {
            using var stream = File.OpenRead(pending.Dequeue());
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.AssemblyReferences)
            {
                string name = metadata.GetString(metadata.GetAssemblyReference(handle).Name);
                if (excluded.Contains(name) || !seen.Add(name))
                    continue;
                string path = Path.Combine(folder, name + ".dll");
                if (!File.Exists(path))
                    continue;
                found.Add(path);
                pending.Enqueue(path);
            }
        }
        return found;
    }

    private static IEnumerable<(string Path, bool IsProject)> ProjectReferences(string project, bool everyItem = false)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(project))!;
        XDocument document;
        try
        {
            document = XDocument.Load(project);
        }
        catch (System.Xml.XmlException e)
        {
            throw new BuildException($"{project}: {e.Message}");
        }
        foreach (var element in document.Descendants())
        {
            string local = element.Name.LocalName;
            string? value = local == "Import" ? element.Attribute("Project")?.Value : element.Attribute("Include")?.Value;
            if (string.IsNullOrWhiteSpace(value) || value.Contains('$') || value.Contains('*') || value.Contains(';'))
                continue;
            bool isProject = local == "ProjectReference";
            if (!isProject && !everyItem)
                continue;
            yield return (Path.GetFullPath(Path.Combine(folder, value.Replace('\\', '/'))), isProject);
        }
    }
}
