package dev.unroll.course;

import dev.unroll.symbolic.DerivativeBounds;
import dev.unroll.verify.Document;
import dev.unroll.verify.DocumentReader;
import dev.unroll.verify.Report;
import dev.unroll.verify.UnreadableFileException;
import dev.unroll.verify.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * {@code unroll grade}'s one verb: submissions in, one {@link Grade} each out, in the submissions'
 * order. Each is judged by {@code verify} in this process, on every core: a worker thread keeps its
 * own activation bounds (a Symja session belongs to the thread that made it), asked of Symja only when
 * the answer cache has not remembered them, so a class's worth of files usually starts no Symja at all.
 * With a manifest each submission is judged against its own variant.
 */
public final class Grader {
  private final Optional<Manifest> manifest;
  private final int threads;
  private final Supplier<DerivativeBounds> bounds;

  /** @param bounds makes one worker thread's activation bounds; called once per thread */
  public Grader(Optional<Manifest> manifest, int threads, Supplier<DerivativeBounds> bounds) {
    this.manifest = manifest;
    this.threads = Math.max(1, threads);
    this.bounds = bounds;
  }

  /**
   * Checks, before any work, that every submission can be matched to its variant: the student it
   * names is in the manifest, and the sheet it answers was drawn with the manifest's seed.
   *
   * @throws IllegalArgumentException naming the first submission that cannot
   */
  public void match(List<Submission> submissions) {
    if (manifest.isEmpty()) {
      return;
    }
    Manifest m = manifest.get();
    List<Student> students = m.assignments().stream().map(Assignment::student).toList();
    for (Submission s : submissions) {
      String slug = s.studentSlug(students);
      Optional<Assignment> a = m.of(slug);
      if (a.isEmpty()) {
        throw new IllegalArgumentException(s.shown() + " is by '" + slug + "', who is not in the manifest; name the "
            + "student in a front-matter line 'student: NAME' or in the file name (the manifest's students are "
            + String.join(", ", students.stream().limit(5).map(Student::slug).toList())
            + (students.size() > 5 ? ", ..." : "") + ").");
      }
      if (s.sheetId().isPresent() && !s.sheetId().get().equals(a.get().sheetId())) {
        throw new IllegalArgumentException(s.shown() + " answers the sheet '" + s.sheetId().get() + "', but the manifest "
            + "gave " + slug + " the sheet '" + a.get().sheetId() + "'; is the manifest of another seed?");
      }
    }
  }

  public List<Grade> grade(List<Submission> submissions) throws InterruptedException {
    match(submissions);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    ThreadLocal<DerivativeBounds> perThread = ThreadLocal.withInitial(bounds);
    try {
      List<Future<Grade>> pending = new ArrayList<>();
      for (Submission s : submissions) {
        pending.add(pool.submit(() -> grade(s, perThread.get())));
      }
      List<Grade> out = new ArrayList<>();
      for (Future<Grade> f : pending) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("Grading stopped: " + e.getCause().getMessage(), e.getCause());
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private Grade grade(Submission s, DerivativeBounds bounds) {
    List<Student> students = manifest.map(m -> m.assignments().stream().map(Assignment::student).toList())
        .orElse(List.of());
    String slug = s.studentSlug(students);
    Optional<Assignment> assignment = manifest.flatMap(m -> m.of(slug));
    String student = assignment.map(a -> a.student().name()).orElse(s.named().orElse(slug));
    Optional<String> variant = assignment.map(a -> a.variant().id());
    List<String> lines;
    Document document;
    try {
      document = new DocumentReader().read(s.file());
      lines = Files.readAllLines(s.file(), StandardCharsets.UTF_8);
    } catch (UnreadableFileException | IOException | java.io.UncheckedIOException e) {
      return new Grade(student, s.shown(), variant, Grade.Status.UNREADABLE, oneLine(e.getMessage()), List.of(),
          List.of());
    }
    Verifier.Options options = assignment.map(Grader::options).orElse(Verifier.Options.inferred());
    Report report = new Verifier(options, bounds).verify(s.shown(), document);
    List<Claim> claims = Judgements.claims(report);
    Sections sections = Sections.of(lines);
    List<QuestionGrade> questions = new ArrayList<>();
    for (Question q : assignment.map(Assignment::questions).orElse(List.of())) {
      List<Claim> in = claims.stream().filter(c -> sections.questionAt(c.line()) == q.number()).toList();
      boolean answered = in.stream().anyMatch(c -> c.outcome() != Claim.Outcome.NOT_JUDGED);
      boolean right = answered && in.stream().noneMatch(c -> c.outcome() == Claim.Outcome.WRONG);
      questions.add(new QuestionGrade(q.number(), q.title(), answered, right));
    }
    long confirmed = claims.stream().filter(c -> c.outcome() == Claim.Outcome.CONFIRMED).count();
    long wrong = claims.stream().filter(c -> c.outcome() == Claim.Outcome.WRONG).count();
    // Against a sheet, what counts is the answers: the network the answer file repeats is no answer.
    boolean answersNothing = !questions.isEmpty() && questions.stream().noneMatch(QuestionGrade::answered);
    Grade.Status status = wrong > 0 ? Grade.Status.WRONG
        : confirmed > 0 && !answersNothing ? Grade.Status.JUDGED : Grade.Status.NOT_JUDGED;
    String reason = status != Grade.Status.NOT_JUDGED ? ""
        : claims.isEmpty() ? "no mathematics to judge"
        : answersNothing ? "no claim under any question's heading could be judged"
        : "none of its " + claims.size() + " claims could be judged";
    return new Grade(student, s.shown(), variant, status, reason, claims, questions);
  }

  /** The variant's cell and number of stages; its activation, parameter and loss are read from the answer. */
  private static Verifier.Options options(Assignment a) {
    String cell = a.variant().cell();
    Optional<String> builtIn = dev.unroll.cell.CellLibrary.BUILT_IN.contains(cell) ? Optional.of(cell) : Optional.empty();
    return new Verifier.Options(OptionalInt.of(a.variant().steps()), Optional.empty(), builtIn);
  }

  private static String oneLine(String s) {
    return s == null ? "cannot be read" : s.strip().lines().findFirst().orElse("cannot be read");
  }
}
