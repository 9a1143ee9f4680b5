"""Validates and executes notebooks, each top to bottom in a fresh python3 kernel, two at a time.

Usage: execute.py NOTEBOOK...   One block per notebook, in the order given: 'ok SECONDS PATH' followed by
what its code cells printed, or 'FAIL PATH: ERROR'. Exits 1 if any notebook failed.
"""
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import nbformat
from nbclient import NotebookClient


def run(path):
    start = time.monotonic()
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "/tmp"}}).execute()
        printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
        return True, f"ok {time.monotonic() - start:.1f} {path}\n{printed}"
    except Exception as e:  # the reason goes to the report, one block per notebook
        return False, f"FAIL {path}: {type(e).__name__}: {str(e)[-3000:]}\n"


if __name__ == "__main__":
    start = time.monotonic()
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, sys.argv[1:]))
    for _, text in results:
        sys.stdout.write(text)
    print(f"executed {len(results)} notebooks in {time.monotonic() - start:.1f} s")
    sys.exit(0 if all(ok for ok, _ in results) else 1)
