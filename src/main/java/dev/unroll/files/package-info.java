/**
 * Writing output safely when other processes may be writing or reading it: one writer per output
 * ({@link dev.unroll.files.OutputLock}), and files that appear all together or not at all
 * ({@link dev.unroll.files.StagedFiles}, through the {@link dev.unroll.files.FileWrites} seam a test
 * can make fail). Imports nothing of unroll; {@code cli} and {@code site} use it.
 */
package dev.unroll.files;
