"""The cross-check the way a SymPy user writes it, for src/bench/symbolic-check.sh: D of the whole
unrolled last loss of the tanh RNN (H = D = K = 2) with respect to each entry of W, evaluated at one
seeded rational point with 50 digits. Usage: python3 sympy_cross_check.py N"""
import random
import sys

import sympy as sp

n = int(sys.argv[1])
rng = random.Random(1)
r = lambda: sp.Rational(rng.randint(-1000, 1000), 1000)
W = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"w{i}{j}"))
U = sp.Matrix(2, 2, lambda i, j: r())
V = sp.Matrix(2, 2, lambda i, j: r())
point = {W[i, j]: r() for i in range(2) for j in range(2)}
s = sp.Matrix([r(), r()])
for _ in range(n):
    x = sp.Matrix([r(), r()])
    s = (U * x + W * s).applyfunc(sp.tanh)
q = V * s
o = [sp.exp(q[i]) / (sp.exp(q[0]) + sp.exp(q[1])) for i in range(2)]
loss = -sp.log(o[rng.randint(0, 1)])
for w in W:
    print(w, sp.N(sp.diff(loss, w).subs(point), 50))
