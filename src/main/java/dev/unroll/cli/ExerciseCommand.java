package dev.unroll.cli;

import dev.unroll.cell.CellLibrary;
import dev.unroll.course.Course;
import dev.unroll.course.Exercises;
import dev.unroll.course.Roster;
import dev.unroll.course.Student;
import dev.unroll.course.Variant;
import dev.unroll.pipeline.Lesson;
import dev.unroll.pipeline.Pipeline;
import dev.unroll.pipeline.Pipelines;
import dev.unroll.render.Pdflatex;
import dev.unroll.render.TemplateRenderer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unroll exercise}: one seeded exercise sheet per student, their answer files, keys and a manifest. */
@Command(name = "exercise", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Writes one exercise sheet per student (Markdown, LaTeX, and PDF where pdflatex is installed), each a seeded "
          + "variant of a BPTT derivation: the cell, the number of stages, the parameter, the loss and the activation "
          + "are drawn from the ranges of a course file.",
      "Beside the sheets: an answer file per student to fill in (answers/NAME.md), the engine's answer key per "
          + "variant (keys/VARIANT.md and .tex: the variant's lesson) and exercises.json, which records who got "
          + "which variant; give it to 'unroll grade --manifest'. The same seed gives the same bytes.",
      "A student's variant depends only on the seed and the student's name: adding a student changes no other sheet."
    })
public final class ExerciseCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Class roster;

  /** Who the sheets are for. */
  static final class Class {
    @Option(names = "--students", paramLabel = "FILE",
        description = "The class: one name a line (or a CSV whose first column is the name).")
    Path students;

    @Option(names = "--count", paramLabel = "K", description = "K sheets for students named student-01 to student-K.")
    Integer count;
  }

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the draw. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--cell", paramLabel = "CELL", split = ",",
      description = "Cells to draw from (rnn, lstm, gru or a .cell file), comma-separated; default: the course's.")
  List<String> cells;

  @Option(names = "--course", paramLabel = "FILE",
      description = "A course file with the ranges to draw from (see src/main/resources/course/course.properties).")
  Path course;

  @Option(names = "--format", paramLabel = "F", defaultValue = "md,tex,pdf", split = ",",
      description = "What to write of each sheet, comma-separated: md, tex, pdf (pdf where pdflatex is installed). "
          + "The answer files, keys and manifest are always written. Default: ${DEFAULT-VALUE}.")
  List<String> formats;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "output/exercises",
      description = "Folder to write into (created if missing). Default: ${DEFAULT-VALUE}.")
  Path out;

  @Override
  public Integer call() throws InterruptedException {
    Course chosen = course == null ? Course.defaults() : Course.load(course);
    if (cells != null) {
      chosen = chosen.withCells(cells);
    }
    for (String f : formats) {
      if (!List.of("md", "tex", "pdf").contains(f.strip().toLowerCase(java.util.Locale.ROOT))) {
        throw new UserError("--format takes md, tex and pdf, comma-separated; got '" + f + "'.");
      }
    }
    boolean md = wanted("md");
    boolean tex = wanted("tex");
    boolean pdf = wanted("pdf");
    List<Student> students = roster.students != null ? Roster.read(roster.students) : Roster.counted(roster.count);
    try (OutputFolder folder = OutputFolder.checked(out)) {
      return write(folder, chosen, students, md, tex, pdf);
    }
  }

  private int write(OutputFolder folder, Course chosen, List<Student> students, boolean md, boolean tex, boolean pdf)
      throws InterruptedException {
    Exercises.Handout handout = new Exercises(chosen, seed, new CellLibrary(), new TemplateRenderer(Optional.empty()))
        .handOut(students);
    Map<String, byte[]> files = new TreeMap<>();
    handout.files().forEach((name, text) -> {
      boolean sheet = name.startsWith("sheets/");
      if (!sheet || (md && name.endsWith(".md")) || (tex && name.endsWith(".tex"))) {
        files.put(name, text.getBytes(StandardCharsets.UTF_8));
      }
    });
    Pipeline pipeline = Pipelines.standard(Optional.empty());
    for (Variant v : handout.keys().values()) {
      Lesson key = pipeline.lesson(v.spec());
      LessonCommand.files(key, true, true, false)
          .forEach((name, text) -> files.put("keys/" + name, text.getBytes(StandardCharsets.UTF_8)));
    }
    PrintWriter err = spec.commandLine().getErr();
    Optional<Pdflatex> pdflatex = pdf ? Pdflatex.find() : Optional.empty();
    if (pdflatex.isPresent()) {
      files.putAll(pdfs(pdflatex.get(), handout.files()));
    } else if (pdf) {
      err.println("unroll: pdflatex is not installed, so the sheets are written without PDFs.");
    }
    folder.writeAll(files);
    PrintWriter printed = spec.commandLine().getOut();
    printed.println(out.resolve(dev.unroll.course.Manifest.FILE));
    printed.println(students.size() + " sheet" + (students.size() == 1 ? "" : "s") + " for "
        + handout.keys().size() + " variant" + (handout.keys().size() == 1 ? "" : "s") + " in " + out + ".");
    return Main.OK;
  }

  private boolean wanted(String format) {
    return formats.stream().anyMatch(f -> f.strip().equalsIgnoreCase(format));
  }

  /** The sheets' PDFs, compiled on every core. */
  private static Map<String, byte[]> pdfs(Pdflatex pdflatex, Map<String, String> files) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    try {
      Map<String, Future<byte[]>> pending = new TreeMap<>();
      for (Map.Entry<String, String> f : files.entrySet()) {
        if (f.getKey().startsWith("sheets/") && f.getKey().endsWith(".tex")) {
          pending.put(f.getKey().replaceAll("\\.tex$", ".pdf"), pool.submit(() -> pdflatex.compile(f.getKey(), f.getValue())));
        }
      }
      Map<String, byte[]> out = new TreeMap<>();
      List<String> failed = new ArrayList<>();
      for (Map.Entry<String, Future<byte[]>> p : pending.entrySet()) {
        try {
          out.put(p.getKey(), p.getValue().get());
        } catch (ExecutionException e) {
          failed.add(e.getCause().getMessage());
        }
      }
      if (!failed.isEmpty()) {
        throw new IllegalStateException(failed.get(0));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
