# SPDX-License-Identifier: Apache-2.0
"""Host tests of tools/fetch/tessera-fetch that need no network.

Run: python3 -m unittest tests/linux/test_tessera_fetch.py  (or pytest)
"""

import gzip
import importlib.machinery
import importlib.util
import os
import shutil
import stat
import struct
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "..", "..", "tools", "fetch", "tessera-fetch")


def load_tool():
    loader = importlib.machinery.SourceFileLoader("tessera_fetch", TOOL)
    spec = importlib.util.spec_from_loader("tessera_fetch", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


tf = load_tool()


def parse_newc(blob):
    """Independent newc reader: [(name, mode, nlink, mtime, rdev, data)]."""
    out, off = [], 0
    while True:
        assert blob[off:off + 6] == b"070701", f"bad magic at {off}"
        f = [int(blob[off + 6 + 8 * i:off + 14 + 8 * i], 16) for i in range(13)]
        ino, mode, uid, gid, nlink, mtime, size, _dmaj, _dmin, rmaj, rmin, namesz, _chk = f
        name = blob[off + 110:off + 110 + namesz - 1].decode()
        assert blob[off + 110 + namesz - 1] == 0
        off = (off + 110 + namesz + 3) & ~3
        data = blob[off:off + size]
        off = (off + size + 3) & ~3
        if name == "TRAILER!!!":
            assert off == len(blob)
            return out
        assert uid == 0 and gid == 0 and ino > 0
        out.append((name, mode, nlink, mtime, (rmaj, rmin), data))


class CpioTest(unittest.TestCase):
    def build(self):
        cp = tf.Cpio(mtime=1234)
        cp.file("bin/busybox", b"\x7fELF" + b"x" * 33, 0o755)
        cp.symlink("bin/sh", "busybox")
        cp.chardev("dev/console", 5, 1)
        cp.dir("tmp", 0o1777)
        cp.file("init", b"#!/bin/sh\n", 0o755)
        return cp.bytes()

    def test_roundtrip(self):
        entries = {e[0]: e for e in parse_newc(self.build())}
        self.assertEqual(sorted(entries), ["bin", "bin/busybox", "bin/sh", "dev",
                                           "dev/console", "init", "tmp"])
        name, mode, nlink, mtime, rdev, data = entries["bin/sh"]
        self.assertTrue(stat.S_ISLNK(mode))
        self.assertEqual(data, b"busybox")
        self.assertEqual(mtime, 1234)
        _n, mode, _l, _m, rdev, _d = entries["dev/console"]
        self.assertTrue(stat.S_ISCHR(mode))
        self.assertEqual(rdev, (5, 1))
        self.assertEqual(stat.S_IMODE(entries["tmp"][1]), 0o1777)
        self.assertEqual(entries["bin"][2], 2)
        self.assertEqual(entries["bin/busybox"][5][:4], b"\x7fELF")

    def test_deterministic(self):
        self.assertEqual(self.build(), self.build())

    @unittest.skipUnless(shutil.which("cpio"), "no cpio on this host")
    def test_gnu_cpio_reads_it(self):
        r = subprocess.run(["cpio", "-it", "--quiet"], input=self.build(),
                           stdout=subprocess.PIPE, check=True)
        self.assertIn(b"bin/sh\n", r.stdout)


class SourcesTest(unittest.TestCase):
    def setUp(self):
        self.etc = tempfile.mkdtemp()
        os.makedirs(os.path.join(self.etc, "sources.list.d"))
        os.environ.pop("TESSERA_MIRROR", None)

    def tearDown(self):
        shutil.rmtree(self.etc)

    def write(self, name, text):
        with open(os.path.join(self.etc, name), "w") as f:
            f.write(text)

    def test_deb822(self):
        self.write("sources.list.d/debian.sources",
                   "Types: deb\n# a comment\nURIs: http://mirror.invalid/debian-security\n"
                   "Suites: bookworm-security\nComponents: main\n\n"
                   "Types: deb deb-src\nURIs: http://mirror.invalid/debian\n"
                   "Suites: bookworm bookworm-updates\nComponents: main\n"
                   "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n")
        self.assertEqual(tf.mirror(self.etc),
                         ("http://mirror.invalid/debian",
                          "/usr/share/keyrings/debian-archive-keyring.gpg"))

    def test_one_line(self):
        self.write("sources.list",
                   "# deb http://old.invalid/debian buster main\n"
                   "deb http://other.invalid/debian bookworm-updates main\n"
                   "deb [arch=amd64 signed-by=/k.gpg] http://mirror.invalid/debian/ bookworm main\n")
        self.assertEqual(tf.mirror(self.etc), ("http://mirror.invalid/debian", "/k.gpg"))

    def test_override(self):
        os.environ["TESSERA_MIRROR"] = "http://x.invalid/debian/"
        try:
            self.assertEqual(tf.mirror(self.etc)[0], "http://x.invalid/debian")
        finally:
            del os.environ["TESSERA_MIRROR"]

    def test_none(self):
        with self.assertRaises(tf.FetchError):
            tf.mirror(self.etc)


class ParseTest(unittest.TestCase):
    def test_depends(self):
        self.assertEqual(tf.parse_depends("a (>= 1), b | c:any (= 2),d"),
                         [["a"], ["b", "c"], ["d"]])

    def test_stanzas(self):
        st = tf._deb822_stanzas("Package: x\nDescription: one\n two\n .\n\nPackage: y\n")
        self.assertEqual([s["package"] for s in st], ["x", "y"])
        self.assertTrue(st[0]["description"].startswith("one\ntwo"))

    def test_applets(self):
        blob = b"\x01\x02 [\0[[\0acpid\0ash\0cat\0cttyhack\0" + \
            b"".join(n.encode() + b"\0" for n in
                     "dd echo grep insmod ls mount poweroff setsid sh sleep "
                     "umount uname vi wc xargs yes zcat".split()) + b"\0\x99"
        names = tf.busybox_applets(blob)
        self.assertEqual(names[:3], ["[", "[[", "acpid"])
        self.assertIn("cttyhack", names)
        self.assertEqual(names[-1], "zcat")
        self.assertIsNone(tf.busybox_applets(b"no table here"))


def fake_image(arch):
    img = bytearray(128)
    img[0x38:0x3C] = b"ARM\x64" if arch == "arm64" else b"RSC\x05"
    return bytes(img) + b"kernel" * 100


class KernelImageTest(unittest.TestCase):
    def test_raw(self):
        img = fake_image("arm64")
        self.assertEqual(tf.kernel_image(img, "arm64")[0], img)

    def test_gzip(self):
        img = fake_image("riscv64")
        out, how = tf.kernel_image(gzip.compress(img), "riscv64")
        self.assertEqual((out, how), (img, "gzip"))

    def test_zboot(self):
        img = fake_image("arm64")
        payload = gzip.compress(img)
        hdr = bytearray(64)
        hdr[0:2] = b"MZ"
        hdr[4:8] = b"zimg"
        struct.pack_into("<II", hdr, 8, 64, len(payload))
        hdr[24:28] = b"gzip"
        out, how = tf.kernel_image(bytes(hdr) + payload + b"\0" * 16, "arm64")
        self.assertEqual(out, img)
        self.assertIn("zboot", how)

    def test_wrong_arch(self):
        with self.assertRaises(tf.FetchError):
            tf.kernel_image(fake_image("arm64"), "riscv64")


def fake_module(modinfo):
    """A minimal ELF64 LE relocatable with .modinfo and .shstrtab sections."""
    shstr = b"\0.modinfo\0.shstrtab\0"
    body_off = 64
    mi_off, st_off = body_off, body_off + len(modinfo)
    shoff = (st_off + len(shstr) + 7) & ~7
    hdr = bytearray(64)
    hdr[0:6] = b"\x7fELF\x02\x01"
    struct.pack_into("<Q", hdr, 0x28, shoff)
    struct.pack_into("<HHH", hdr, 0x3A, 64, 3, 2)
    data = bytearray(hdr) + modinfo + shstr
    data += b"\0" * (shoff - len(data))

    def sh(name, off, size):
        return struct.pack("<IIQQQQIIQQ", name, 1, 0, 0, off, size, 0, 0, 1, 0)

    data += sh(0, 0, 0) + sh(1, mi_off, len(modinfo)) + sh(10, st_off, len(shstr))
    return bytes(data)


class ModuleTest(unittest.TestCase):
    def test_depends(self):
        ko = fake_module(b"license=GPL\0depends=tee,foo-bar\0name=optee\0")
        self.assertEqual(tf.module_depends(ko), ["tee", "foo-bar"])

    def test_no_depends(self):
        self.assertEqual(tf.module_depends(fake_module(b"depends=\0name=tee\0")), [])

    def test_add_modules(self):
        import lzma
        d = tempfile.mkdtemp()
        try:
            os.makedirs(os.path.join(d, "kernel", "drivers", "tee", "optee"))
            with open(os.path.join(d, "kernel/drivers/tee/tee.ko.xz"), "wb") as f:
                f.write(lzma.compress(fake_module(b"depends=\0name=tee\0")))
            with open(os.path.join(d, "kernel/drivers/tee/optee/optee.ko.xz"), "wb") as f:
                f.write(lzma.compress(fake_module(b"depends=tee\0name=optee\0")))
            cp = tf.Cpio()
            order = tf.add_modules(cp, d, "6.0-test", ["optee"])
            self.assertEqual(order, ["kernel/drivers/tee/tee.ko",
                                     "kernel/drivers/tee/optee/optee.ko"])
            entries = {e[0]: e for e in parse_newc(cp.bytes())}
            dep = entries["lib/modules/6.0-test/modules.dep"][5].decode()
            self.assertIn("kernel/drivers/tee/optee/optee.ko: kernel/drivers/tee/tee.ko\n", dep)
            self.assertEqual(entries["etc/tessera/modules"][5].decode().split(), order)
            with self.assertRaises(tf.FetchError):
                tf.add_modules(tf.Cpio(), d, "6.0-test", ["nonexistent"])
        finally:
            shutil.rmtree(d)


if __name__ == "__main__":
    unittest.main()
