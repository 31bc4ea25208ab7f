namespace Minnow.Runtime.Collection;

/// <summary>
/// Receives each reference slot of an object. Collector code implements it with structs and calls it
/// through generic methods, so the visit is a direct (inlinable) call and nothing is allocated.
/// </summary>
internal unsafe interface IReferenceVisitor
{
    void Visit(nint* slot);
}
