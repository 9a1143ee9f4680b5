"""Shared helpers for the truth scripts of the real-notation corpus.

Each truth script builds the network its document describes (seeded random weights, float64),
evaluates every claim of the document the way the author's formula says, and compares it with
central finite differences of the author's own loss. It prints one line per claim:
``LINE OK`` or ``LINE WRONG rel=...``, LINE being the claim's line in the document file (for a
notebook, the line of the raw .ipynb file). Claims are located by a piece of their LaTeX that
occurs on exactly one line, so editing the prose around them does not break the script.
"""
import json
import os
import sys

import numpy as np

TOL = 1e-5  # finite differences agree to ~2e-7 at worst here; the smallest planted mistake is off by ~7e-3
EPS = 1e-6


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def dsigmoid(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def dtanh(z):
    return 1.0 - np.tanh(z) ** 2


def softmax(o):
    e = np.exp(o - np.max(o))
    return e / e.sum()


def identity(z):
    return z


def one(z):
    return np.ones_like(z)


ACTIVATIONS = {
    "tanh": (np.tanh, dtanh),
    "sigmoid": (sigmoid, dsigmoid),
    "identity": (identity, one),
}


def diag(v):
    return np.diag(np.asarray(v).ravel())


def mpow(m, k):
    return np.linalg.matrix_power(m, k)


def chain(*ms):
    """Matrix product of the factors in the order written."""
    out = ms[0]
    for m in ms[1:]:
        out = out @ m
    return out


class Net:
    """A network given by ``forward(P, tap)``. ``tap(key, value)`` records each intermediate value
    (``("h", 3)``, ``("E", 2)``, ``"E"``) and returns it plus any perturbation asked for, so that
    derivatives with respect to an intermediate are total derivatives: everything downstream of it is
    recomputed."""

    def __init__(self, forward, params):
        self.forward = forward
        self.P = {k: np.array(v, dtype=np.float64) for k, v in params.items()}
        self.vals = self.run(self.P)

    def run(self, P, pert=None):
        vals = {}

        def tap(key, value):
            value = np.asarray(value, dtype=np.float64)
            if pert is not None and key in pert:
                value = value + pert[key]
            vals[key] = value
            return value

        self.forward(P, tap)
        return vals

    def __getitem__(self, key):
        return self.vals[key]

    def d(self, of, wrt, eps=EPS):
        """d(of)/d(wrt) by central differences. ``wrt`` is a parameter name or a recorded key. A scalar
        ``of`` gives an array shaped like ``wrt``; a vector ``of`` and vector ``wrt`` give the Jacobian
        (rows: components of ``of``)."""
        param = isinstance(wrt, str) and wrt in self.P
        base = self.P[wrt] if param else self.vals[wrt]
        cols = []
        for idx in np.ndindex(base.shape):
            diffs = []
            for sign in (1.0, -1.0):
                if param:
                    P2 = {k: v.copy() for k, v in self.P.items()}
                    P2[wrt][idx] += sign * eps
                    vals = self.run(P2)
                else:
                    e = np.zeros_like(base)
                    e[idx] = sign * eps
                    vals = self.run(self.P, {wrt: e})
                diffs.append(vals[of])
            cols.append((diffs[0] - diffs[1]) / (2 * eps))
        out = np.array(cols)
        if np.ndim(self.vals[of]) == 0:
            return out.reshape(base.shape)
        return out.reshape(base.size, -1).T


def seeded(seed):
    return np.random.default_rng(seed)


def weights(rng, *shape, scale=0.6):
    return rng.normal(0.0, scale, size=shape)


def one_hot(rng, n):
    v = np.zeros(n)
    v[rng.integers(n)] = 1.0
    return v


class Doc:
    """The document a truth script is about: the file next to ``truth/`` with the script's stem."""

    def __init__(self, script):
        stem = os.path.splitext(os.path.basename(script))[0]
        folder = os.path.dirname(os.path.dirname(os.path.abspath(script)))
        found = [f for f in sorted(os.listdir(folder)) if os.path.splitext(f)[0] == stem]
        if len(found) != 1:
            sys.exit("truth: no single document named %s.* in %s" % (stem, folder))
        self.path = os.path.join(folder, found[0])
        with open(self.path, encoding="utf-8") as f:
            raw = f.read().split("\n")
        if self.path.endswith(".ipynb"):
            self.lines = [self._json_text(r) for r in raw]
        else:
            self.lines = raw

    @staticmethod
    def _json_text(raw):
        s = raw.strip().rstrip(",")
        if s.startswith('"') and s.endswith('"'):
            try:
                return json.loads(s)
            except ValueError:
                return raw
        return raw

    def line(self, marker):
        hits = [i + 1 for i, l in enumerate(self.lines) if marker in l]
        if len(hits) != 1:
            sys.exit("truth: %r is on %d lines of %s, not exactly one" % (marker, len(hits), self.path))
        return hits[0]


class Truth:
    """Prints one verdict per claim and remembers them."""

    def __init__(self, script):
        self.doc = Doc(script)
        self.count = 0

    def _say(self, marker, ok, rel):
        line = self.doc.line(marker)
        self.count += 1
        if ok and os.environ.get("TRUTH_SHOW_REL"):
            print("%d OK rel=%.3g" % (line, rel))  # the margin under the tolerance, for whoever tunes it
        else:
            print("%d OK" % line if ok else "%d WRONG rel=%.3g" % (line, rel))

    def claim(self, marker, claimed, true, tol=TOL):
        """``claimed`` is a function evaluating the author's formula (a shape error counts as wrong)."""
        true = np.asarray(true, dtype=np.float64)
        try:
            got = np.asarray(claimed(), dtype=np.float64)
        except ValueError:
            self._say(marker, False, float("inf"))
            return
        if got.shape != true.shape:
            if got.size == true.size and got.size == max(got.shape + (1,)) and true.size == max(true.shape + (1,)):
                got = got.reshape(true.shape)  # a row or a column of the same numbers
            else:
                self._say(marker, False, float("inf"))
                return
        rel = np.linalg.norm(got - true) / max(np.linalg.norm(true), 1e-12)
        self._say(marker, rel <= tol, rel)

    def holds(self, marker, ok, rel=1.0):
        """A claim that is not an equality (a bound), settled by the script."""
        self._say(marker, bool(ok), 0.0 if ok else rel)

    def bound(self, marker, values, limit):
        """``values <= limit`` everywhere the author's bound speaks of (sampled densely)."""
        worst = float(np.max(values))
        self.holds(marker, worst <= limit + 1e-12, (worst - limit) / abs(limit))

    def done(self):
        if self.count == 0:
            sys.exit("truth: no claim checked in " + self.doc.path)


GRID = np.linspace(-12.0, 12.0, 240001)


def _output(kind, o):
    return {"softmax": softmax, "identity": identity, "sigmoid": sigmoid}[kind](o)


def _loss(kind, p, y):
    if kind == "ce":
        return -np.sum(y * np.log(p))
    if kind == "mse":
        return 0.5 * np.sum((p - y) ** 2)
    if kind == "sse":
        return np.sum((p - y) ** 2)
    raise ValueError(kind)


def _total(kind, losses):
    if kind == "sum":
        return sum(losses)
    if kind == "mean":
        return sum(losses) / len(losses)
    if kind == "last":
        return losses[-1]
    raise ValueError(kind)


def _targets(rng, loss, ny, times):
    return {t: (one_hot(rng, ny) if loss == "ce" else rng.normal(0.0, 1.0, ny)) for t in times}


def rnn(T, nx=2, nh=3, ny=4, act="tanh", out="softmax", loss="ce", t0=1, bias=True, row=False,
        total="sum", seed=0, h0="zeros"):
    """Elman RNN over steps t0..T: z_t = Wh h_{t-1} + Wx x_t + bh, h_t = act(z_t), o_t = Wy h_t + by,
    p_t = out(o_t), E_t = loss(p_t, y_t), E = total of the E_t. With ``row`` every product is written
    the other way round (h W, shapes transposed), as code writes it."""
    rng = seeded(seed)
    times = list(range(t0, T + 1))
    f = ACTIVATIONS[act][0]
    if row:
        P = {"Wx": weights(rng, nx, nh), "Wh": weights(rng, nh, nh), "Wy": weights(rng, nh, ny)}
    else:
        P = {"Wx": weights(rng, nh, nx), "Wh": weights(rng, nh, nh), "Wy": weights(rng, ny, nh)}
    if bias:
        P["bh"] = weights(rng, nh, scale=0.3)
        P["by"] = weights(rng, ny, scale=0.3)
    x = {t: rng.normal(0.0, 1.0, nx) for t in times}
    y = _targets(rng, loss, ny, times)
    start = np.zeros(nh) if h0 == "zeros" else rng.normal(0.0, 0.5, nh)

    def forward(P, tap):
        h = tap(("h", t0 - 1), start)
        losses = []
        for t in times:
            if row:
                z = h @ P["Wh"] + x[t] @ P["Wx"]
            else:
                z = P["Wh"] @ h + P["Wx"] @ x[t]
            z = tap(("z", t), z + (P["bh"] if bias else 0.0))
            h = tap(("h", t), f(z))
            o = h @ P["Wy"] if row else P["Wy"] @ h
            o = tap(("o", t), o + (P["by"] if bias else 0.0))
            p = tap(("p", t), _output(out, o))
            losses.append(tap(("E", t), _loss(loss, p, y[t])))
        tap("E", _total(total, losses))

    net = Net(forward, P)
    net.x, net.y, net.times = x, y, times
    return net


def dl_book(T, seed, act="tanh"):
    """The Deep Learning book's network (a(t) = b + W h(t-1) + U x(t), h(t) = act(a(t)), o(t) = c + V h(t),
    softmax, summed cross-entropy) with the names its documents use: ``net, U, W, V, h, T, go, gh``, where
    ``go[k]`` and ``gh[k]`` are dL/do(k) and dL/dh(k) by finite differences."""
    net = rnn(T, act=act, out="softmax", loss="ce", seed=seed)
    h = lambda k: net[("h", k)]
    go = {k: net.d("E", ("o", k)) for k in net.times}
    gh = {k: net.d("E", ("h", k)) for k in net.times}
    return net, net.P["Wx"], net.P["Wh"], net.P["Wy"], h, net.times, go, gh


def scalar_rnn(T, act="sigmoid", seed=0):
    """One unit, many to one: h_t = act(w h_{t-1} + u x_t) for t = 1..T, h_0 = 0, a prediction made at the
    end only, yhat = v h_T, and E = (yhat - y)^2 / 2. Every value is a number."""
    rng = seeded(seed)
    times = list(range(1, T + 1))
    f = ACTIVATIONS[act][0]
    P = {"w": rng.normal(0.0, 1.5), "u": rng.normal(0.0, 1.0), "v": rng.normal(0.0, 1.0)}
    x = {t: rng.normal(0.0, 1.0) for t in times}
    y = rng.normal(0.0, 1.0)

    def forward(P, tap):
        h = tap(("h", 0), 0.0)
        for t in times:
            z = tap(("z", t), P["w"] * h + P["u"] * x[t])
            h = tap(("h", t), f(z))
        yhat = tap("yhat", P["v"] * h)
        tap("E", 0.5 * (yhat - y) ** 2)

    net = Net(forward, P)
    net.x, net.y, net.times = x, y, times
    return net


GATES = ("f", "i", "o", "g")


def lstm(T, nx=2, nh=3, ny=4, out="softmax", loss="ce", t0=1, bias=True, row=False, concat=False,
         total="sum", seed=0, start="zeros"):
    """LSTM over steps t0..T: gates f, i, o (sigmoid) and candidate g (tanh), each from W_* x_t +
    U_* h_{t-1} + b_* (or one W_* acting on [h_{t-1}; x_t] with ``concat``); c_t = f ⊙ c_{t-1} + i ⊙ g,
    h_t = o ⊙ tanh(c_t); logits v_t = V h_t + by, p_t = out(v_t)."""
    rng = seeded(seed)
    times = list(range(t0, T + 1))
    P = {}
    for k in GATES:
        if concat:
            P["W" + k] = weights(rng, nh, nh + nx)
        elif row:
            P["W" + k] = weights(rng, nx, nh)
            P["U" + k] = weights(rng, nh, nh)
        else:
            P["W" + k] = weights(rng, nh, nx)
            P["U" + k] = weights(rng, nh, nh)
        if bias:
            P["b" + k] = weights(rng, nh, scale=0.3)
    P["V"] = weights(rng, nh, ny) if row else weights(rng, ny, nh)
    if bias:
        P["by"] = weights(rng, ny, scale=0.3)
    x = {t: rng.normal(0.0, 1.0, nx) for t in times}
    y = _targets(rng, loss, ny, times)
    h_init = rng.normal(0.0, 0.5, nh) if start == "random" else np.zeros(nh)
    c_init = np.zeros(nh) if start == "zeros" else rng.normal(0.0, 0.5, nh)  # "cell": h_0 = 0, c_0 given

    def forward(P, tap):
        h = tap(("h", t0 - 1), h_init)
        c = tap(("c", t0 - 1), c_init)
        losses = []
        for t in times:
            gate = {}
            for k in GATES:
                if concat:
                    a = P["W" + k] @ np.concatenate([h, x[t]])
                elif row:
                    a = x[t] @ P["W" + k] + h @ P["U" + k]
                else:
                    a = P["W" + k] @ x[t] + P["U" + k] @ h
                a = tap(("z" + k, t), a + (P["b" + k] if bias else 0.0))
                gate[k] = tap((k, t), np.tanh(a) if k == "g" else sigmoid(a))
            c = tap(("c", t), gate["f"] * c + gate["i"] * gate["g"])
            h = tap(("h", t), gate["o"] * np.tanh(c))
            v = h @ P["V"] if row else P["V"] @ h
            v = tap(("v", t), v + (P["by"] if bias else 0.0))
            p = tap(("p", t), _output(out, v))
            losses.append(tap(("E", t), _loss(loss, p, y[t])))
        tap("E", _total(total, losses))

    net = Net(forward, P)
    net.x, net.y, net.times = x, y, times
    return net


def gru(T, nx=2, nh=3, ny=4, out="softmax", loss="ce", t0=1, bias=True, keep="cho", reset="inside",
        total="sum", seed=0, start="zeros"):
    """GRU over steps t0..T: update z_t and reset r_t gates (sigmoid of W_* x_t + U_* h_{t-1} + b_*),
    candidate n_t = tanh(Wn x_t + Un (r_t ⊙ h_{t-1}) + bn) (``reset="after"``: r_t ⊙ (Un h_{t-1}));
    h_t = (1 - z) ⊙ h_{t-1} + z ⊙ n (``keep="cho"``) or z ⊙ h_{t-1} + (1 - z) ⊙ n (``keep="d2l"``)."""
    rng = seeded(seed)
    times = list(range(t0, T + 1))
    P = {}
    for k in ("z", "r", "n"):
        P["W" + k] = weights(rng, nh, nx)
        P["U" + k] = weights(rng, nh, nh)
        if bias:
            P["b" + k] = weights(rng, nh, scale=0.3)
    P["V"] = weights(rng, ny, nh)
    if bias:
        P["by"] = weights(rng, ny, scale=0.3)
    x = {t: rng.normal(0.0, 1.0, nx) for t in times}
    y = _targets(rng, loss, ny, times)
    h_init = np.zeros(nh) if start == "zeros" else rng.normal(0.0, 0.5, nh)

    def forward(P, tap):
        h = tap(("h", t0 - 1), h_init)
        losses = []
        b = (lambda k: P["b" + k]) if bias else (lambda k: 0.0)
        for t in times:
            z = tap(("z", t), sigmoid(tap(("az", t), P["Wz"] @ x[t] + P["Uz"] @ h + b("z"))))
            r = tap(("r", t), sigmoid(tap(("ar", t), P["Wr"] @ x[t] + P["Ur"] @ h + b("r"))))
            inner = P["Un"] @ (r * h) if reset == "inside" else r * (P["Un"] @ h)
            n = tap(("n", t), np.tanh(tap(("an", t), P["Wn"] @ x[t] + inner + b("n"))))
            h = tap(("h", t), (1 - z) * h + z * n if keep == "cho" else z * h + (1 - z) * n)
            v = tap(("v", t), P["V"] @ h + (P["by"] if bias else 0.0))
            p = tap(("p", t), _output(out, v))
            losses.append(tap(("E", t), _loss(loss, p, y[t])))
        tap("E", _total(total, losses))

    net = Net(forward, P)
    net.x, net.y, net.times = x, y, times
    return net
