/**
 * Vanishing and exploding gradients, computed: the activation's gain gamma = max |f'| from Symja
 * (cached), the decay of the derived sum's terms measured on seeded weights scaled to chosen largest
 * singular values, and the table and plots that show it.
 */
package dev.unroll.explore;
