# splice.py ELF SECTION=FILE... : puts the given bytes back into NOBITS sections of a debug-only ELF
# (objcopy --only-keep-debug turns every allocated section into NOBITS), by appending the bytes
# at the end of the file and pointing the section header at them.
import struct, sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
shoff, = struct.unpack_from("<Q", data, 0x28)
shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
def header(i):
    return shoff + i * shentsize
strtab_off, = struct.unpack_from("<Q", data, header(shstrndx) + 0x18)
def name(i):
    n, = struct.unpack_from("<I", data, header(i))
    end = data.index(0, strtab_off + n)
    return data[strtab_off + n:end].decode()
for arg in sys.argv[2:]:
    section, source = arg.split("=", 1)
    blob = open(source, "rb").read()
    index = next(i for i in range(shnum) if name(i) == section)
    h = header(index)
    align, = struct.unpack_from("<Q", data, h + 0x30)
    while len(data) % max(align, 1):
        data.append(0)
    offset = len(data)
    data += blob
    struct.pack_into("<I", data, h + 4, 1)                  # SHT_PROGBITS
    struct.pack_into("<QQ", data, h + 0x18, offset, len(blob))
open(path, "wb").write(data)
