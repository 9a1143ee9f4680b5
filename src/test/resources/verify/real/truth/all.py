"""Runs several truth scripts in one interpreter, so that numpy is imported once:
``python3 all.py a.py b.py`` prints, for each script, ``== a.py``, the script's own output, and ``== exit N``."""
import contextlib
import io
import os
import runpy
import sys
import traceback

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
for name in sys.argv[1:]:
    out = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):  # a warning shows up as a stray line
        try:
            runpy.run_path(os.path.join(here, name), run_name="__main__")
        except SystemExit as e:
            if isinstance(e.code, int):
                code = e.code
            elif e.code is not None:
                print(e.code)
                code = 1
        except Exception:  # a broken script is reported as its own failure, the others still run
            traceback.print_exc(file=out)
            code = 1
    print("== " + name)
    print(out.getvalue(), end="")
    print("== exit %d" % code)
