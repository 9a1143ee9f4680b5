/**
 * Writing output safely when other processes may be writing or reading it: one writer per output
 * ({@link dev.unroll.files.OutputLock}), and files that appear all together or not at all
 * ({@link dev.unroll.files.StagedFiles}, through the {@link dev.unroll.files.FileWrites} seam a test
 * can make fail); and what is kept between runs: read and written safely
 * ({@link dev.unroll.files.KeptFiles}), keyed by a hash ({@link dev.unroll.files.Sha256}) and by the
 * running program ({@link dev.unroll.files.ProgramIdentity}). Imports nothing of unroll; {@code cli}, {@code site} and {@code symbolic} use it.
 */
package dev.unroll.files;
