namespace Minnow.Runtime.Collection;

/// <summary>Receives objects (as object references) while the collector walks a heap area.</summary>
internal unsafe interface IObjectVisitor
{
    void Visit(byte* obj);
}
