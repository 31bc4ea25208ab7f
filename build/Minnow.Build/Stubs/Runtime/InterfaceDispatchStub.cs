using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// RhpInitialDynamicInterfaceDispatch: every interface call site does <c>lea r11, cell; call [r11]</c>.
/// The stub null-checks 'this' (its first instruction is a known fault location), then looks the
/// (cell, MethodTable) pair up in the dispatch cache, a direct-mapped table of
/// <see cref="CacheEntries"/> entries {cell, MethodTable, target} that the runtime fills once per pair
/// (runtime/Minnow.Runtime/Dispatch/DispatchCache.cs) and never overwrites, so a hit is read whole
/// even if the thread is preempted in between. A hit jumps straight to the target. A miss saves the
/// argument registers in the TransitionBlock layout CoreLib's resolver expects (arguments at +0x10,
/// the caller's return address at +0x48), calls CoreLib's RhpCidResolve(transitionBlock, cell),
/// restores everything and jumps to the resolved method. Only rax, r10 and r11 are touched before
/// the registers are saved: none of them carries an argument.
/// </summary>
public static class InterfaceDispatchStub
{
    public const string CacheSymbol = "minnow_dispatch_cache";
    public const int CacheEntries = 4096;
    public const int CacheEntrySize = 32;

    private const int FrameSize = 0xC8;          // entry rsp is 8 mod 16; this makes it 16-aligned
    private const int TransitionBlock = 0x80;    // xmm0-7 below it

    public static void Emit(StubObjectBuilder s)
    {
        s.BssObject(CacheSymbol, CacheEntries * CacheEntrySize, 64);
        ulong cache = s.AddressOf(CacheSymbol);
        s.Function("minnow_dispatch_cache_address", a => { a.mov(rax, cache); a.ret(); });
        s.Function("minnow_dispatch_cache_entries", a => { a.mov(eax, CacheEntries); a.ret(); });
        s.Function("RhpInitialDynamicInterfaceDispatch", a =>
        {
            var slow = a.CreateLabel();
            a.cmp(__byte_ptr[rdi], 0);
            // entry = cache + (((MethodTable ^ cell) >> 4) & (entries - 1)) * 32
            a.mov(r10, __qword_ptr[rdi]);
            a.xor(r10, r11);
            a.shr(r10, 4);
            a.and(r10d, CacheEntries - 1);
            a.shl(r10, 5);
            a.mov(rax, cache);
            a.add(r10, rax);
            a.cmp(__qword_ptr[r10], r11);
            a.jne(slow);
            a.mov(rax, __qword_ptr[rdi]);
            a.cmp(__qword_ptr[r10 + 8], rax);
            a.jne(slow);
            a.jmp(__qword_ptr[r10 + 16]);
            a.Label(ref slow);
            a.sub(rsp, FrameSize);
            var xmms = new[] { xmm0, xmm1, xmm2, xmm3, xmm4, xmm5, xmm6, xmm7 };
            for (int i = 0; i < 8; i++)
                a.movdqa(__xmmword_ptr[rsp + i * 16], xmms[i]);
            var arguments = new[] { rdi, rsi, rdx, rcx, r8, r9 };
            for (int i = 0; i < arguments.Length; i++)
                a.mov(__qword_ptr[rsp + TransitionBlock + 0x10 + i * 8], arguments[i]);
            a.lea(rdi, __[rsp + TransitionBlock]);
            a.mov(rsi, r11);
            a.mov(rax, s.AddressOf("RhpCidResolve"));
            a.call(rax);
            for (int i = 0; i < arguments.Length; i++)
                a.mov(arguments[i], __qword_ptr[rsp + TransitionBlock + 0x10 + i * 8]);
            for (int i = 0; i < 8; i++)
                a.movdqa(xmms[i], __xmmword_ptr[rsp + i * 16]);
            a.add(rsp, FrameSize);
            a.jmp(rax);
        });
    }
}
