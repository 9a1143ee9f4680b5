package dev.unroll.site;

/**
 * A site build that stopped: the message is a whole sentence naming the page that failed and why,
 * and saying that the previous site is unchanged.
 */
public final class SiteBuildException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SiteBuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
