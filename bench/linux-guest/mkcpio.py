#!/usr/bin/env python3
"""Write a gzip-compressed newc cpio archive from a gen_init_cpio-style list.

Why not GNU cpio over a staging directory: /dev/console must be a device node in the
archive (the kernel opens it for PID 1 before /init runs), and making one on disk needs
root; owners and mtimes would also leak from the build host. The list format is the
kernel's usr/gen_init_cpio one, restricted to what this guest needs:

    dir   <name> <mode> <uid> <gid>
    file  <name> <source> <mode> <uid> <gid>
    slink <name> <target> <mode> <uid> <gid>
    nod   <name> <mode> <uid> <gid> <c|b> <major> <minor>

Usage: mkcpio.py LIST OUTPUT.cpio.gz
"""
import gzip
import stat
import sys


def header(ino, mode, uid, gid, nlink, size, rmajor, rminor, name):
    name_b = name.encode() + b"\0"
    fields = (ino, mode, uid, gid, nlink, 0, size, 0, 0, rmajor, rminor, len(name_b), 0)
    h = b"070701" + b"".join(b"%08x" % f for f in fields) + name_b
    return h + b"\0" * (-len(h) % 4)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: mkcpio.py LIST OUTPUT.cpio.gz")
    out = bytearray()
    ino = 0
    with open(sys.argv[1]) as f:
        for lineno, line in enumerate(f, 1):
            words = line.split()
            if not words or words[0].startswith("#"):
                continue
            kind, name = words[0], words[1].lstrip("/")
            ino += 1
            data, rmajor, rminor = b"", 0, 0
            try:
                if kind == "dir":
                    mode, uid, gid = words[2:5]
                    ftype, nlink = stat.S_IFDIR, 2
                elif kind == "file":
                    src, mode, uid, gid = words[2:6]
                    with open(src, "rb") as s:
                        data = s.read()
                    ftype, nlink = stat.S_IFREG, 1
                elif kind == "slink":
                    target, mode, uid, gid = words[2:6]
                    data = target.encode()
                    ftype, nlink = stat.S_IFLNK, 1
                elif kind == "nod":
                    mode, uid, gid, dev, major, minor = words[2:8]
                    ftype, nlink = (stat.S_IFCHR if dev == "c" else stat.S_IFBLK), 1
                    rmajor, rminor = int(major), int(minor)
                else:
                    raise ValueError(f"unknown entry type {kind!r}")
            except (ValueError, OSError) as e:
                sys.exit(f"mkcpio.py: {sys.argv[1]}:{lineno}: {e}")
            out += header(ino, ftype | int(mode, 8), int(uid), int(gid), nlink,
                          len(data), rmajor, rminor, name)
            out += data + b"\0" * (-len(data) % 4)
    out += header(0, 0, 0, 0, 1, 0, 0, 0, "TRAILER!!!")
    # mtime=0 keeps the archive byte-identical for identical inputs.
    with open(sys.argv[2], "wb") as f:
        f.write(gzip.compress(bytes(out), compresslevel=9, mtime=0))


if __name__ == "__main__":
    main()
