/**
 * Cell definitions as data: the {@code .cell} file format, its parser and the records it produces.
 * First stage of the pipeline; may import only {@code expr} and {@code files} (which reads input files
 * safely).
 */
package dev.unroll.cell;
