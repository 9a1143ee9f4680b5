/**
 * Turns a cell definition and a number of stages into the unrolled graph of gates (multiplication,
 * addition, activation, softmax, loss). Second stage of the pipeline; imports {@code cell} and
 * {@code expr} only.
 */
package dev.unroll.unroll;
