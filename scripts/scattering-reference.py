#!/usr/bin/env python3
"""Reference values of regpy's MediumScatteringFixed for regpy4j's MediumScatteringRegpyTest.

regpy 1.x cannot be installed on the machine this was written on (no route to PyPI), and no
complete copy of it was at hand, so this script restates, in numpy and scipy, the formulas of
regpy-examples' medium_scattering/mediumscattering.py (commit 284af552) and of regpy's
regpy/operators/convolution.py (PeriodizedHelmholtzVolumePotential) and FourierTransform
(numpy/scipy fftn with norm='ortho'):

  grid       x_i = -2r + i*(4r/N), i < N, on both axes; support |x| <= r
  kernel     Vainikko's Fourier coefficients of the periodized fundamental solution,
             R = k * (N*h/2); V f = ifftn(K_hat * fftn(f))  (unitary FFTs: the norms cancel)
  forward    for each incident direction d_j: solve v + a V v = a u_inc_j with scipy's gmres
             (restart=10, rtol=1e-14, atol=0, maxiter=100, x0=0) on the whole grid;
             farfield[:, j] = c * exp(-i k theta_m . x_s) @ v[s],
             c = h^2 k^2 exp(i pi/4) / sqrt(8 pi k); total field u_j = u_inc_j - (V v)[s]
  derivative v + a V v = u_j h (on s), farfield as above (h is read on the support only)
  adjoint    w[s] = g[:, j] @ conj(F); z = gmres(I + V^H diag(conj a), w); x[s] += conj(u_j) z[s]

Arrays are in the C order of regpy's arrays: the contrast (N, N), the far field (n_far, n_inc).
With REGPY_EXAMPLES=<dir of regpy-examples' medium_scattering> and regpy importable, the same
quantities are also computed by regpy itself and the largest relative difference is printed.

Usage: python3 scripts/scattering-reference.py > src/test/resources/scattering/regpy-reference.txt
"""
import os
import sys

import numpy as np
import scipy.sparse.linalg as spla
from scipy.special import hankel1, jv as besselj

N = 32
RADIUS = 1.0
WAVE_NUMBER = 1.0
N_INC = 3
N_FAR = 5
GMRES = dict(restart=10, rtol=1e-14, atol=0.0, maxiter=100)


def linspace_circle(num):
    angles = np.linspace(0, 2 * np.pi, num, endpoint=False)
    return np.stack((np.cos(angles), np.sin(angles)), axis=1)


def kernel_2d(R, n):
    J = np.mgrid[[slice(-(n // 2), (n + 1) // 2)] * 2]
    piabsJ = np.pi * np.linalg.norm(J, axis=0)
    with np.errstate(divide='ignore', invalid='ignore'):
        k_hat = R**2 / (piabsJ**2 - R**2) * (
            1 + 1j * np.pi / 2 * (piabsJ * besselj(1, piabsJ) * hankel1(0, R) - R * besselj(0, piabsJ) * hankel1(1, R)))
    k_hat[n // 2, n // 2] = -1 / (2 * R) + 1j * np.pi / 4 * hankel1(1, R)
    k_hat[piabsJ == R] = 1j * np.pi * R / 8 * (besselj(0, R) * hankel1(0, R) + besselj(1, R) * hankel1(1, R))
    return 2 * R * np.fft.fftshift(k_hat)


class Reference:
    def __init__(self, n, radius, k, inc, far):
        axis = np.linspace(-2 * radius, 2 * radius, n, endpoint=False)
        self.coords = np.array(np.meshgrid(axis, axis, indexing='ij'))
        h = axis[1] - axis[0]
        self.support = np.sqrt(self.coords[0]**2 + self.coords[1]**2) <= radius
        self.n = n
        self.k_hat = kernel_2d(k * n * h / 2, n)
        xs = self.coords[:, self.support]
        self.inc_matrix = np.exp(1j * k * (inc @ xs))
        factor = h * h * k**2 * np.exp(1j * np.pi / 4) / np.sqrt(8 * np.pi * k)
        self.far_matrix = factor * np.exp(-1j * k * (far @ xs))
        self.n_inc, self.n_far = len(inc), len(far)

    def volume_potential(self, f):
        return np.fft.ifftn(self.k_hat * np.fft.fftn(f, norm='ortho'), norm='ortho')

    def volume_potential_adjoint(self, f):
        return np.fft.ifftn(np.conj(self.k_hat) * np.fft.fftn(f, norm='ortho'), norm='ortho')

    def solve(self, matvec, rhs):
        size = self.n * self.n
        op = spla.LinearOperator((size, size), matvec=lambda v: matvec(v.reshape(self.n, self.n)).ravel(),
                                 dtype=complex)
        sol, info = spla.gmres(op, rhs.ravel(), **GMRES)
        if info != 0:
            raise RuntimeError(f"gmres did not converge (info {info})")
        return sol.reshape(self.n, self.n)

    def forward(self, contrast):
        a = contrast.copy()
        a[~self.support] = 0
        self.a = a
        far = np.empty((self.n_far, self.n_inc), dtype=complex)
        self.total = np.empty((self.support.sum(), self.n_inc), dtype=complex)
        rhs = np.zeros((self.n, self.n), dtype=complex)
        for j in range(self.n_inc):
            rhs[self.support] = self.inc_matrix[j] * a[self.support]
            v = self.solve(lambda f: f + a * self.volume_potential(f), rhs)
            far[:, j] = self.far_matrix @ v[self.support]
            self.total[:, j] = self.inc_matrix[j] - self.volume_potential(v)[self.support]
        return far

    def derivative(self, h):
        far = np.empty((self.n_far, self.n_inc), dtype=complex)
        rhs = np.zeros((self.n, self.n), dtype=complex)
        for j in range(self.n_inc):
            rhs[self.support] = self.total[:, j] * h[self.support]
            v = self.solve(lambda f: f + self.a * self.volume_potential(f), rhs)
            far[:, j] = self.far_matrix @ v[self.support]
        return far

    def adjoint(self, g):
        out = np.zeros((self.n, self.n), dtype=complex)
        w = np.zeros((self.n, self.n), dtype=complex)
        for j in range(self.n_inc):
            w[self.support] = g[:, j] @ self.far_matrix.conj()
            z = self.solve(lambda f: f + self.volume_potential_adjoint(np.conj(self.a) * f), w)
            out[self.support] += self.total[:, j].conj() * z[self.support]
        return out


def inputs(ref):
    x, y = ref.coords
    r = np.sqrt(x**2 + y**2)
    bump = np.zeros_like(r)
    inside = r < RADIUS
    bump[inside] = np.exp(-1 / (RADIUS - r[inside]**2))
    # Off-support entries are nonzero on purpose: regpy ignores them.
    contrast = (1 + 0.5j) * bump + 0.4j * x * bump + 0.3 * (~ref.support)
    h = (0.5 + x - 2j * y) * bump + (0.7 - 0.2j) * (~ref.support)
    m, j = np.meshgrid(np.arange(ref.n_far), np.arange(ref.n_inc), indexing='ij')
    g = np.cos(m + 1.0) + 1j * np.sin(2.0 * j + 0.5 * m + 1.0)
    return contrast, h, g


def emit(name, values):
    values = np.asarray(values)
    flat = values.ravel()
    if np.iscomplexobj(flat):
        flat = np.stack((flat.real, flat.imag), axis=1).ravel()
    print(f"{name} {' '.join(repr(float(v)) for v in flat)}")


def regpy_cross_check(inc, far, contrast, h, g, expected):
    sys.path.insert(0, os.environ["REGPY_EXAMPLES"])
    from mediumscattering import MediumScatteringFixed
    op = MediumScatteringFixed(gridshape=(N, N), radius=RADIUS, wave_number=WAVE_NUMBER,
                               inc_directions=inc, farfield_directions=far)
    value, deriv = op.linearize(contrast)
    got = (value, deriv(h), deriv.adjoint(g))
    for name, a, b in zip(("value", "derivative", "adjoint"), got, expected):
        print(f"regpy vs restated, {name}: {np.max(np.abs(a - b)) / np.max(np.abs(b)):.2e}", file=sys.stderr)


def main():
    inc = linspace_circle(N_INC)
    far = linspace_circle(N_FAR)
    ref = Reference(N, RADIUS, WAVE_NUMBER, inc, far)
    contrast, h, g = inputs(ref)
    value = ref.forward(contrast)
    deriv = ref.derivative(h)
    adj = ref.adjoint(g)
    print("# regpy MediumScatteringFixed restated in numpy " + np.__version__ + ", scipy "
          + __import__("scipy").__version__ + "; made by scripts/scattering-reference.py")
    print("# one array per line: name, then its entries in C order, complex ones as re im pairs")
    emit("grid_size", [N])
    emit("radius", [RADIUS])
    emit("wave_number", [WAVE_NUMBER])
    emit("incident_directions", inc)
    emit("farfield_directions", far)
    emit("support", ref.support.astype(float))
    emit("fourier_multiplier", ref.k_hat)
    emit("contrast", contrast)
    emit("direction", h)
    emit("data", g)
    emit("value", value)
    emit("derivative", deriv)
    emit("adjoint", adj)
    if os.environ.get("REGPY_EXAMPLES"):
        regpy_cross_check(inc, far, contrast, h, g, (value, deriv, adj))


if __name__ == "__main__":
    main()
