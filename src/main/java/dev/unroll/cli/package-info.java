/**
 * The picocli commands: the only package that reads arguments, touches the file system for output,
 * and turns failures into exit codes (0 ok, 1 a check failed, 2 bad input).
 */
package dev.unroll.cli;
