package dev.unroll.verify;

import java.util.Locale;

/** How much a finding matters: an error is a claim that does not hold and makes the exit code 1. */
public enum Severity {
  ERROR, WARNING, NOTE;

  public String spelled() {
    return name().toLowerCase(Locale.ROOT);
  }
}
