# Runs a program under gdb to its first fault and records what a Minnow guest would print:
#   gdb -batch -nx -x capture-panic.py --args PROGRAM
# Writes $FIXTURE.panic.log (the guest's panic format, real registers and stack words) and
# $FIXTURE.gdb-frames.txt (gdb's own unwind: the answer the .eh_frame unwinder must reproduce).
import os
import gdb

prefix = os.environ["FIXTURE"]
error_code = int(os.environ.get("PANIC_ERROR", "2"), 0)
stack_words = 64

gdb.execute("set pagination off")
gdb.execute("set disable-randomization on")
gdb.execute("run", to_string=True)

frame = gdb.newest_frame()

def reg(name, f=frame):
    return int(f.read_register(name)) & 0xFFFFFFFFFFFFFFFF

inferior = gdb.selected_inferior()
rip, rsp = reg("rip"), reg("rsp")
cr2 = int(gdb.parse_and_eval("(unsigned long)$_siginfo._sifields._sigfault.si_addr"))
names = ["rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"]
with open(prefix + ".panic.log", "w") as log:
    log.write("minnow: boot ok\n")
    log.write("minnow: PANIC page fault (#PF) error=0x%016x\n" % error_code)
    log.write("minnow: rip=0x%016x rsp=0x%016x rbp=0x%016x rflags=0x%016x cr2=0x%016x\n"
              % (rip, rsp, reg("rbp"), reg("eflags"), cr2))
    log.write("minnow: " + " ".join("%s=0x%016x" % (n, reg(n)) for n in names) + "\n")
    code = bytes(inferior.read_memory(rip, 16))
    log.write("minnow: code 0x%016x: %s\n" % (rip, " ".join("%02x" % b for b in code)))
    data = bytes(inferior.read_memory(rsp, stack_words * 8))
    for line in range(0, stack_words, 8):
        values = [int.from_bytes(data[(line + i) * 8:(line + i + 1) * 8], "little") for i in range(8)]
        log.write("minnow: stack 0x%016x: %s\n" % (rsp + line * 8, " ".join("0x%016x" % v for v in values)))
    log.write("minnow: end-panic\n")
    log.write("minnow: halting\n")

def saved(name, f):
    value = f.read_register(name)
    return "?" if value.is_optimized_out else "0x%016x" % (int(value) & 0xFFFFFFFFFFFFFFFF)

with open(prefix + ".gdb-frames.txt", "w") as out:
    out.write("# gdb's backtrace at the fault: index pc sp function, then the callee-saved registers gdb\n")
    out.write("# recovered for the frame ('?' = not saved)\n")
    f, i = frame, 0
    while f is not None:
        callee_saved = " ".join("%s=%s" % (n, saved(n, f)) for n in ["rbx", "rbp", "r12", "r13", "r14", "r15"])
        out.write("%d 0x%016x 0x%016x %s %s\n" % (i, f.pc(), reg("rsp", f), f.name() or "??", callee_saved))
        f, i = f.older(), i + 1
