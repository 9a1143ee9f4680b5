/**
 * Turns derivations into text: the one LaTeX emitter ({@link dev.unroll.render.LatexWriter}),
 * notations that decide spelling, typed view records for templates and the FreeMarker bridge; and
 * the same expressions as Python, by the one NumPy emitter ({@link dev.unroll.render.NumpyWriter}),
 * assembled into a lesson's checking program ({@link dev.unroll.render.NumpyLesson}). Imports
 * {@code derive}, {@code unroll}, {@code cell}, {@code expr} and {@code files}; holds no mathematics of
 * its own. Templates are data, not code ({@link dev.unroll.render.TemplateSandbox}).
 */
package dev.unroll.render;
