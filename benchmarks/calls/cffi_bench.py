"""Times Python cffi's API-mode my_add call, for run.sh to set beside the .NET numbers.

Builds two API-mode modules into a temporary folder, as the lesson's build script does:
  core   - calls my_add in the same libinterop_core.so the .NET benchmarks call (declared from interop_core.h);
  lesson - the lesson's own module, with my_add compiled from inline C source.
Prints "key value" lines: nanoseconds per call, best of several timeit repeats.

usage: python3 cffi_bench.py <folder with interop_core.h> <folder with libinterop_core.so>
"""
import os
import sys
import tempfile
import timeit

from cffi import FFI

NUMBER = 2_000_000
REPEAT = 7


def build(tmp, name, source, **kwargs):
    ffibuilder = FFI()
    ffibuilder.cdef("int my_add(int x, int y);")
    ffibuilder.set_source(name, source, **kwargs)
    ffibuilder.compile(tmpdir=tmp, verbose=False)


def per_call_ns(statement, namespace):
    best = min(timeit.repeat(statement, globals=namespace, number=NUMBER, repeat=REPEAT))
    return best / NUMBER * 1e9


def main():
    include_dir, library_dir = (os.path.abspath(p) for p in sys.argv[1:3])
    with tempfile.TemporaryDirectory(prefix="interop-cffi-") as tmp:
        build(tmp, "_calls_core", '#include "interop_core.h"',
              include_dirs=[include_dir], libraries=["interop_core"],
              library_dirs=[library_dir], runtime_library_dirs=[library_dir])
        build(tmp, "_my_math", """
            int my_add(int x, int y) {
                // This is pure C code
                return x + y;
            }
        """)
        sys.path.insert(0, tmp)
        import _calls_core
        import _my_math

        assert _calls_core.lib.my_add(10, 20) == 30 and _my_math.lib.my_add(10, 20) == 30
        print("python", sys.version.split()[0])
        print("cffi", __import__("cffi").__version__)
        print("cffi_core_my_add_ns", f"{per_call_ns('my_add(10, 20)', {'my_add': _calls_core.lib.my_add}):.2f}")
        print("cffi_lib_attr_my_add_ns", f"{per_call_ns('lib.my_add(10, 20)', {'lib': _calls_core.lib}):.2f}")
        print("cffi_lesson_my_add_ns", f"{per_call_ns('lib.my_add(10, 20)', {'lib': _my_math.lib}):.2f}")
        print("python_add_ns", f"{per_call_ns('add(10, 20)', {'add': lambda x, y: x + y}):.2f}")


if __name__ == "__main__":
    main()
