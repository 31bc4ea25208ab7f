/* Fixture for the .eh_frame unwinder tests: a few -O2 frames of different shapes
   (plain pushes, a frame pointer via alloca, shrink-wrapped early return) ending in a
   null-pointer write, so gdb stops at the faulting instruction like a guest panic would. */
#include <alloca.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

volatile int *volatile target;

/* A PVH entry note like the one QEMU boots a Minnow image by (XEN_ELFNOTE_PHYS32_ENTRY = 18), so
   the ELF notes test sees one next to the GNU notes. */
__asm__(".pushsection .note.Xen, \"a\", @note\n"
        ".balign 4\n"
        ".long 4, 4, 18\n"
        ".asciz \"Xen\"\n"
        ".long _start\n"
        ".popsection\n");

__attribute__((noinline)) int leaf(int depth, long a, long b)
{
    long values[6];
    for (int i = 0; i < 6; i++)
        values[i] = a * i + b;
    *target = (int)(values[depth % 6] + depth); /* faults: target is null */
    return (int)values[2];
}

__attribute__((noinline)) int with_alloca(int n, long seed)
{
    char *buffer = alloca(n + 16); /* forces rbp as the CFA register */
    memset(buffer, (int)seed, n + 16);
    int r = leaf(n, seed, buffer[n]);
    return r + buffer[3];
}

__attribute__((noinline)) int shrink_wrapped(int n, long seed)
{
    if (n < 0) /* early exit before the prologue: gcc emits remember/restore_state */
        return -1;
    long acc = seed;
    for (int i = 0; i < n; i++)
        acc = acc * 31 + i;
    int r = with_alloca(n, acc);
    return r + (int)acc + n;
}

int recurse(int depth, long seed);
/* Called through a volatile pointer so gcc cannot turn the recursion into a loop. */
int (*volatile recurse_indirect)(int, long) = recurse;

__attribute__((noinline)) int recurse(int depth, long seed)
{
    if (depth == 0)
        return shrink_wrapped((int)(seed & 7) + 3, seed);
    int r = recurse_indirect(depth - 1, seed * 3 + depth);
    return r * 7 + depth;
}

int main(int argc, char **argv)
{
    long seed = argc > 1 ? strtol(argv[1], NULL, 10) : 42;
    int r = recurse(2, seed);
    printf("%d\n", r);
    return r & 0x7f;
}
