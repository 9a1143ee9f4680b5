/**
 * Turns derivations into text: the one LaTeX emitter ({@link dev.unroll.render.LatexWriter}),
 * notations that decide spelling, typed view records for templates and the FreeMarker bridge. Imports
 * {@code derive}, {@code unroll}, {@code cell} and {@code expr}; holds no mathematics of its own.
 */
package dev.unroll.render;
