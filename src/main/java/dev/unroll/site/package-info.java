/**
 * The last stage: publishes lessons as a static site. Markdown becomes HTML through flexmark with
 * our own {@code $...$} math extension, KaTeX is copied from its WebJar (no network at view time),
 * each unrolled network is drawn as SVG and TikZ, each lesson is also written as a Jupyter notebook,
 * and FreeMarker lays the pages out from {@code templates/site/} with a sidebar, breadcrumb and table of
 * contents ({@code SiteNavigation}, {@code HeadingAnchors}). The search index is built here for lunr
 * ({@code SearchIndex}, bundled from its WebJar like KaTeX), each lesson's {@code .tex} is compiled to
 * a PDF when pdflatex is installed ({@code LessonPdf}), and {@code SiteServer} serves a built site on
 * the loopback address. Takes finished {@code Lesson}s from a
 * {@code Function<LessonSpec, Lesson>} (the pipeline); may import {@code pipeline}, {@code render},
 * {@code derive}, {@code unroll}, {@code cell}, {@code expr} and {@code files}, never {@code symbolic} or
 * {@code cli}.
 */
package dev.unroll.site;
