package dev.unroll.verify;

/** A line and column in the file as stored, both counted from 1. */
public record Position(int line, int column) {}
