/**
 * Cell definitions as data: the {@code .cell} file format, its parser and the records it produces.
 * A cell is checked as it is read: every symbol declared or computed earlier, every equation's
 * shapes in the cell's size letters ({@code ShapeCheck}), cross-entropy only of a softmax's
 * probabilities, a scalar loss, states read at most one stage back. First stage of the pipeline;
 * may import only {@code expr} and {@code files} (which reads input files safely).
 */
package dev.unroll.cell;
