using Minnow.Build.Compilation;
using Minnow.Build.Elf;
using Minnow.Build.Stubs;
using Minnow.Build.Stubs.Kernel;
using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Probes;

/// <summary>
/// A tiny PVH image that switches SSE on, runs SSE instructions with memory and register operands
/// and reports <see cref="SuccessStatus"/> through isa-debug-exit. Where a nested KVM breaks SSE
/// (as on some cloud builders) the guest dies instead, and the harness falls back to TCG.
/// </summary>
public static class KvmProbeImage
{
    public const int SuccessStatus = 0x21;
    private const uint LoadAddress = 0x100000;

    private const string LinkerScript = """
        ENTRY(minnow_probe_entry32)
        PHDRS { boot PT_LOAD FLAGS(7); note PT_NOTE; }
        SECTIONS
        {
          . = 0x100000;
          .boot : { KEEP(*(.boot)) } :boot
          .note.minnow : { KEEP(*(.note.minnow_pvh)) } :boot :note
          /DISCARD/ : { *(.text.minnow_stubs) *(.data.minnow_stubs) *(.bss.minnow_stubs) }
        }
        """;

    public static void Build(Toolchain toolchain, string outputImage)
    {
        var stubs = new StubObjectBuilder();
        var boot = stubs.AddSection(".boot", ElfSectionKind.Code, 4096);
        stubs.Function(boot, "minnow_probe_entry32", 32, 1, a =>
        {
            var hang = a.CreateLabel();
            a.mov(eax, cr0);
            a.and(eax, ~4);      // EM off
            a.or(eax, 2);        // MP on
            a.mov(cr0, eax);
            a.mov(eax, cr4);
            a.or(eax, 0x600);    // OSFXSR | OSXMMEXCPT
            a.mov(cr4, eax);
            a.movups(xmm0, __xmmword_ptr[LoadAddress + 0x800]);
            a.addps(xmm0, xmm0);
            a.movd(eax, xmm0);
            a.mov(dx, 0xF4);
            a.mov(eax, SuccessStatus);
            a.@out(dx, eax);
            a.Label(ref hang);
            a.hlt();
            a.jmp(hang);
        }, LoadAddress);
        boot.Reserve(0x810 - boot.Size);
        PvhNote.Emit(stubs, LoadAddress);

        string work = Path.GetDirectoryName(Path.GetFullPath(outputImage))!;
        Directory.CreateDirectory(work);
        string objectFile = outputImage + ".o";
        string script = outputImage + ".ld";
        File.WriteAllBytes(objectFile, stubs.Build());
        File.WriteAllText(script, LinkerScript);
        var result = ProcessRunner.Run(toolchain.Linker, ["-static", "-nostdlib", "--no-pie", "-T", script, "-o", outputImage, objectFile]);
        if (result.ExitCode != 0)
            throw new BuildException($"linking the KVM probe failed:\n{result.Output}");
    }
}
