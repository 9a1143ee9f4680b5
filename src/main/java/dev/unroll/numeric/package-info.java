/**
 * The numeric side of a check: weights as data ({@link dev.unroll.numeric.Params}, read from and
 * written to JSON), a backward pass through time, two independent references (forward-mode automatic
 * differentiation and central finite differences), the engine's derived sum evaluated with numbers,
 * and the comparison of all of them ({@link dev.unroll.numeric.NumericCheck}). Everything is generic
 * over the {@link dev.unroll.unroll.UnrolledGraph} of any cell: the code switches on
 * {@link dev.unroll.unroll.Op}, never on the RNN's names. Imports {@code unroll}, {@code derive},
 * {@code cell}, {@code expr}, Hipparchus and Jackson; no Symja, no templates.
 */
package dev.unroll.numeric;
