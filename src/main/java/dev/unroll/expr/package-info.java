/**
 * The expression tree every stage shares: symbols with time subscripts, partials, products, sums,
 * transposes, diagonals. Pure values with no behaviour beyond construction checks; imports nothing
 * from the rest of the project.
 */
package dev.unroll.expr;
