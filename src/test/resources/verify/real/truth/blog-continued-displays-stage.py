"""The same derivation with one slip: the elementwise line pairs the stage-t factor with h_t where h_{t-1}
belongs. z_t = W h_{t-1} + U x_t, h_t = tanh(z_t), o_t = V h_t, yhat_t = softmax(o_t), L = sum of cross-entropies,
t = 1..3, h_0 = 0. Displays that start with '=' continue the display before them: each is the gradient on
the left of that display."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(3, act="tanh", out="softmax", loss="ce", bias=False, seed=41)
W, V = net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
gV, gW = net.d("E", "Wy"), net.d("E", "Wh")
t.claim(r"\frac{\partial L_t}{\partial o_t} h_t^\top", lambda: sum(np.outer(net.d(("E", k), ("o", k)), h(k)) for k in net.times), gV)
t.claim(r"(\hat y_t - y_t) h_t^\top", lambda: sum(np.outer(net[("p", k)] - net.y[k], h(k)) for k in net.times), gV)
t.claim(r"\delta_t h_{t-1}^\top", lambda: sum(np.outer(net.d("E", ("z", k)), h(k - 1)) for k in net.times), gW)
t.claim(r"\right) h_t^\top", lambda: sum(np.outer((1 - h(k) ** 2) * net.d("E", ("h", k)), h(k)) for k in net.times), gW)
t.claim(r"\operatorname{diag}(1 - h_t^2)", lambda: sum(np.outer(np.diag(1 - h(k) ** 2) @ net.d("E", ("h", k)), h(k - 1)) for k in net.times), gW)
t.done()
