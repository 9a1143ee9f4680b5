"""LSTM with W_* x_t + U_* h_{t-1} + b_*, yhat = softmax(V h + b_y), E = sum of CE over t = 1..3, h_0 = c_0 = 0.
z_t^o, z_t^f: the arguments of the output and forget gates' sigmoids."""
import numpy as np
from common import Truth, lstm

t = Truth(__file__)
net = lstm(3, seed=71)
G = lambda k, s: net[(k, s)]
dh = {s: net.d("E", ("h", s)) for s in net.times}
dc = {s: net.d("E", ("c", s)) for s in net.times}
zo = {s: net.d("E", ("zo", s)) for s in net.times}
zf = {s: net.d("E", ("zf", s)) for s in net.times}
for s in net.times:
    t.claim(r"\frac{\partial E}{\partial z_t^o} =", lambda: dh[s] * np.tanh(G("c", s)) * G("o", s) * (1 - G("o", s)), zo[s])
    t.claim(r"\frac{\partial E}{\partial z_t^f} =", lambda: dc[s] * G("c", s - 1) * G("f", s) * (1 - G("f", s)), zf[s])
t.claim(r"\frac{\partial E}{\partial U_o} =", lambda: sum(np.outer(zo[s], G("h", s - 1)) for s in net.times), net.d("E", "Uo"))
t.claim(r"\frac{\partial E}{\partial W_f} =", lambda: sum(np.outer(zf[s], net.x[s]) for s in net.times), net.d("E", "Wf"))
t.done()
