package dev.unroll.pipeline;

import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.TextbookCalculus;
import dev.unroll.render.TemplateRenderer;
import java.util.List;
import java.util.Optional;

/** A pipeline with the hand-written calculus and no checks, for tests of layout that need no Symja. */
public final class TextbookPipelines {
  private TextbookPipelines() {}

  public static Pipeline withoutChecks() {
    return new Pipeline(new CellLibrary(), cell -> new TextbookCalculus(), List.of(), new TemplateRenderer(Optional.empty()));
  }
}
