using System.Text.RegularExpressions;

namespace Minnow.Qemu.Symbolization;

/// <summary>
/// Readable forms of the symbol names found in a Minnow image: ilc's managed method names
/// ("S_P_CoreLib_System_String__Concat_0" becomes "System.String.Concat"), ilc's stubs and helpers
/// (unboxing stubs, static base accessors, delegate constructors), and simple Itanium C++ names.
/// Names it does not recognise (C functions, assembly labels) come back unchanged. The result is a
/// heuristic for people to read; keep the raw name next to it.
/// </summary>
public sealed partial class SymbolNameDemangler
{
    private readonly IlcNameDemangler _ilc;

    /// <param name="assemblyNames">
    /// Names of the assemblies compiled into the image, if known ("Minnow.Kernel", "repro"). They make
    /// the split between assembly and namespace exact; without them it is guessed.
    /// </param>
    public SymbolNameDemangler(IEnumerable<string>? assemblyNames = null)
    {
        _ilc = new IlcNameDemangler(assemblyNames ?? []);
    }

    public string ToReadable(string rawName)
    {
        ArgumentNullException.ThrowIfNull(rawName);
        if (rawName.StartsWith("_Z", StringComparison.Ordinal))
            return ItaniumNameSimplifier.TrySimplify(rawName, out string cpp) ? cpp : rawName;
        if (rawName.StartsWith("<Boxed>", StringComparison.Ordinal))
            return BoxedStub(rawName) ?? rawName;
        if (rawName.StartsWith("unbox_", StringComparison.Ordinal) && _ilc.TryDemangleMethod(rawName["unbox_".Length..], out string unboxed))
            return unboxed + " (unboxing stub)";
        if (HelperPattern().Match(rawName) is { Success: true } helper)
            return Helper(helper.Groups["kind"].Value, helper.Groups["rest"].Value) ?? rawName;
        return _ilc.TryDemangleMethod(rawName, out string managed) ? managed : rawName;
    }

    /// <summary>"&lt;Boxed&gt;T__&lt;unbox&gt;T__Method": the method on a value type called through its boxed form.</summary>
    private string? BoxedStub(string rawName)
    {
        string rest = rawName["<Boxed>".Length..];
        int unbox = rest.IndexOf("__<unbox>", StringComparison.Ordinal);
        if (unbox <= 0 || !IlcNameDemangler.TrySplitMethod(rest[(unbox + "__<unbox>".Length)..], out _, out string method))
            return null;
        return _ilc.RenderType(rest[..unbox]) + "." + _ilc.RenderMethod(method) + " (boxed)";
    }

    private string? Helper(string kind, string rest)
    {
        switch (kind)
        {
            case "GetGCStaticBase":
                return "GC static base of " + _ilc.RenderType(rest);
            case "GetNonGCStaticBase":
                return "non-GC static base of " + _ilc.RenderType(rest);
            case "GetThreadStaticBase":
                return "thread static base of " + _ilc.RenderType(rest);
            case "DelegateCtor":
                // "__DelegateCtor_<Delegate__InitializeXxx>__<target method>"
                Match target = DelegateTargetPattern().Match(rest);
                return target.Success && _ilc.TryDemangleMethod(target.Groups["target"].Value, out string method)
                    ? "delegate constructor for " + method
                    : null;
            default:
                return null;
        }
    }

    [GeneratedRegex(@"^__(?<kind>GetGCStaticBase|GetNonGCStaticBase|GetThreadStaticBase|DelegateCtor)_(?<rest>.+)$")]
    private static partial Regex HelperPattern();

    [GeneratedRegex(@"__Initialize[A-Za-z]+__(?<target>.+)$")]
    private static partial Regex DelegateTargetPattern();
}
