using Minnow.Build.Stubs.Kernel;
using Minnow.Build.Stubs.Runtime;

namespace Minnow.Build.Stubs;

/// <summary>Every machine-code stub an image carries, assembled into one relocatable object.</summary>
public static class StubCatalog
{
    public static byte[] BuildObject()
    {
        var stubs = new StubObjectBuilder();
        PvhBootStub.Emit(stubs);
        CpuInstructionStubs.Emit(stubs);
        LinkerSymbolStubs.Emit(stubs);
        InterruptEntryStubs.Emit(stubs);
        WriteBarrierStubs.Emit(stubs);
        TransitionStubs.Emit(stubs);
        InterfaceDispatchStub.Emit(stubs);
        ClasslibFunctionTable.Emit(stubs);
        MemoryStubs.Emit(stubs);
        CollectorStubs.Emit(stubs);
        return stubs.Build();
    }
}
