using Minnow.Build.Stubs.Kernel;
using Minnow.Build.Stubs.Runtime;

namespace Minnow.Build.Stubs;

/// <summary>Every machine-code stub an image carries, assembled into one relocatable object.</summary>
public static class StubCatalog
{
    /// <param name="instructionSet">the ISA level the image's code is compiled for (x86-64-v2 or x86-64-v3).</param>
    public static byte[] BuildObject(string instructionSet = InstructionSets.Default)
    {
        var stubs = new StubObjectBuilder();
        PvhBootStub.Emit(stubs, requireAvx2: InstructionSets.RequiresAvx2(instructionSet));
        CpuInstructionStubs.Emit(stubs);
        LinkerSymbolStubs.Emit(stubs);
        InterruptEntryStubs.Emit(stubs);
        ContextSwitchStubs.Emit(stubs);
        WriteBarrierStubs.Emit(stubs);
        TransitionStubs.Emit(stubs);
        InterfaceDispatchStub.Emit(stubs);
        ClasslibFunctionTable.Emit(stubs);
        ThrowStubs.Emit(stubs);
        FuncletCallStubs.Emit(stubs);
        StackTraceStub.Emit(stubs);
        ExceptionCodeAddresses.Emit(stubs);
        MemoryStubs.Emit(stubs);
        CollectorStubs.Emit(stubs);
        MathLibraryStubs.Emit(stubs);
        return stubs.Build();
    }
}
