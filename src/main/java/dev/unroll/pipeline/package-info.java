/**
 * The pipeline: one short method per product that calls the stages in order
 * (cell -> unroll -> derive -> check -> render). Holds no mathematics of its own.
 */
package dev.unroll.pipeline;
