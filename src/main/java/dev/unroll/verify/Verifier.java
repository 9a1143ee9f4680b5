package dev.unroll.verify;

import dev.unroll.verify.DocumentMath.ProseAt;
import dev.unroll.cell.CellDefinition;
import dev.unroll.derive.LossKind;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import dev.unroll.symbolic.DerivativeBounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code verify}'s one verb: a read document in, a {@link Report} out. Finds the mathematics and reads
 * it ({@link DocumentMath}), works out the cell and its notation, the activation and the number of
 * stages the author means, then judges each claim: the network's equations against the cell; for the simple RNN each gradient
 * of a weight against the engine's expanded sum, term by term and factor by factor
 * ({@link ClaimJudge}); for any cell each adjoint, gradient in adjoint form and one-step Jacobian by
 * evaluating both sides ({@link AdjointClaims}); each computable prose claim with Symja. Anything it
 * cannot read becomes a warning at the place it gave up.
 */
public final class Verifier {
  /** What the command line can fix instead of inferring it. */
  public record Options(OptionalInt steps, Optional<Notation> notation, Optional<String> cell) {
    public Options {
      if (notation.isPresent() && cell.isPresent() && !notation.get().cell().equals(cell.get())) {
        throw new IllegalArgumentException("--notation " + notation.get().name() + " spells the " + notation.get().cell()
            + " cell's variables, not the " + cell.get() + " cell's; leave --notation out for --cell " + cell.get() + ".");
      }
    }

    public Options(OptionalInt steps, Optional<Notation> notation) {
      this(steps, notation, Optional.empty());
    }

    public static Options inferred() {
      return new Options(OptionalInt.empty(), Optional.empty(), Optional.empty());
    }
  }

  /** How far back the prose before a formula is read for what it says of the formula. */
  private static final int PROSE_WINDOW = 400;


  private final Options options;
  private final DerivativeBounds bounds;

  public Verifier(Options options, DerivativeBounds bounds) {
    this.options = options;
    this.bounds = bounds;
  }

  /**
   * One span read. {@code prose} is its segment's prose and {@code proseFrom} where the prose since the
   * previous displayed formula starts.
   */
  record Read(MathSpan span, ParsedMath parsed, String prose, int proseFrom) {}

  public Report verify(String file, Document document) {
    List<Finding> findings = new ArrayList<>();
    Outcomes outcomes = new Outcomes();
    DocumentMath.Reading reading = DocumentMath.read(document, findings, outcomes);
    List<Read> reads = new ArrayList<>(reading.reads());
    List<ProseAt> prose = reading.prose();
    // h^3 is the state at time 3 in a document that writes h^t and h^{t-1}.
    SuperscriptTimes superscripts = new SuperscriptTimes(reads.stream().map(r -> r.span().tex()).toList());
    if (!superscripts.isEmpty()) {
      reads.replaceAll(r -> new Read(r.span(), superscripts.apply(r.parsed()), r.prose(), r.proseFrom()));
    }
    // \mathrm{d}z^{<t>}, course code's name for the gradient at z, is one name (d:z) to every judge.
    if (reads.stream().anyMatch(r -> r.span().tex().contains("\\mathrm{d}"))) {
      reads.replaceAll(r -> new Read(r.span(), DifferentialNames.apply(r.parsed()), r.prose(), r.proseFrom()));
    }
    // Functions the document defines for itself (\text{prod}(a, b) = a b^\top) stand for their right sides.
    DocumentFunctions functions = new DocumentFunctions(reads.stream().flatMap(r -> r.parsed().statements().stream()).toList());
    if (!functions.isEmpty()) {
      reads.replaceAll(r -> new Read(r.span(), functions.expand(r.parsed()), r.prose(), r.proseFrom()));
    }
    List<Notation> spellings = options.cell().map(Notation::ofCellNamed).orElse(Notation.all());
    // The document defines its network: its forward equations, read whatever the names, are the notation.
    // A document that derives an RNN, then an LSTM, then a GRU has one network per section.
    String allProse = String.join("\n", prose.stream().map(ProseAt::text).toList());
    String rawText = String.join("\n", document.segments().stream().map(Segment::text).toList());
    List<Integer> starts = options.notation().isPresent() || options.cell().isPresent() ? List.of(0)
        : NetworkSections.starts(reads.stream().map(r -> r.span().display() ? r.parsed().statements() : List.<Statement>of())
        .toList(), allProse);
    List<Section> sections = new ArrayList<>();
    for (int k = 0; k < starts.size(); k++) {
      int from = k == 0 ? 0 : starts.get(k);
      int to = k + 1 < starts.size() ? starts.get(k + 1) : reads.size();
      List<Read> part = new ArrayList<>(reads.subList(from, to));
      List<Read> preamble = k == 0 ? List.of() : reads.subList(0, starts.get(0)).stream().filter(r -> !r.span().display()).toList();
      sections.add(Section.of(options, from, part, preamble, spellings, allProse, rawText));
    }
    Section main = sections.stream().filter(Section::rnn).findFirst().orElse(sections.get(0));
    Notation notation = main.notation();
    CellDefinition cell = main.cell();
    EngineTerms engine = main.engine();
    boolean rnn = main.rnn();
    List<Claim> claims = new ArrayList<>();
    ProseClaims proseClaims = new ProseClaims(bounds);
    for (int i = 0; i < reads.size(); i++) {
      Read r = reads.get(i);
      Section sec = sections.get(0);
      for (Section x : sections) {
        sec = x.from() <= i ? x : sec;
      }
      for (Statement s : r.parsed().statements()) {
        Optional<ProseClaims.BoundClaim> bound = ProseClaims.ofMath(s, sec.activation(), s.offset());
        if (bound.isPresent()) {
          // A bound on an activation's derivative written as mathematics: judged as the prose's are.
          Finding f = proseClaims.judge(bound.get(), r.span().position(s.offset()));
          findings.add(f);
          if (f.severity() != Severity.WARNING) {
            outcomes.judged(r.span(), f.severity() != Severity.ERROR);
          }
          continue;
        }
        boolean judged = s.isEquation() && r.span().display();
        UnknownSymbols.report(r.span(), r.parsed(), s, sec.notation(), sec.defines(), findings)
            .ifPresent(m -> outcomes.unmapped(r.span(), m));
        if (!judged) {
          continue;
        }
        Optional<NetworkReader.Network> defined = sec.defined();
        if (defined.isPresent() && sec.notation().name().equals(Notation.DOCUMENT) && defined.get().definitions().containsKey(s)) {
          findings.add(Finding.at(r.span().position(r.parsed().offset(s.sides().get(0), s.offset())), Severity.NOTE,
              "read as the network's definition of " + defined.get().definitions().get(s) + " (" + (sec.rnn()
              ? summary(sec.notation(), defined.get().activation()) : "one equation of the cell built from the document's own")
              + ")."));
          outcomes.notJudged(r.span(), "defines the network; a definition is read, not judged.");
          continue;
        }
        // a = b = c, and &= rows: each later side is a claim about the first left side
        Statement claimed = named(sec.bars() ? BarNotation.adjoints(s, sec.notation(), sec.notation().spell(sec.cell().loss()))
            : s, sec.names());
        for (int k = 1; k < s.sides().size(); k++) {
          // A gated cell's Jacobian across several stages goes to the judge of every path between its coupled
          // states; the simple RNN's, to the judge that names a one-edit repair (off by one, power, wrong stage).
          Optional<AdjointClaims.Claim> across = sec.rnn() ? Optional.empty()
              : sec.jacobians().read(claimed.sides().get(0), claimed.sides().get(k));
          if (across.isPresent()) {
            // a Jacobian across several stages, \partial c_t/\partial c_k
            List<Finding> found = sec.jacobians().judge(across.get(), e -> r.span().position(r.parsed().offset(e,
                s.offset())), proseBefore(r));
            findings.addAll(found);
            if (!found.stream().allMatch(f -> f.severity() == Severity.WARNING)) {
              outcomes.judged(r.span(), found.stream().noneMatch(f -> f.severity() == Severity.ERROR));
            }
            continue;
          }
          judgeSide(r, claimed, k, sec.notation(), sec.cell(), sec.network(), sec.adjointClaims(), sec.rnn(), findings, outcomes,
              sec == main ? claims : new ArrayList<>());
        }
      }
    }
    new ChainClaims(options.steps()).judge(claims, notation, engine, statedOuterProduct(prose), findings, outcomes);
    int walkSteps = Math.min(EngineTerms.MAX_STEPS, Math.max(3, claims.stream()
        .filter(c -> c.parameter().equals("W") && c.loss() == LossKind.LAST).mapToInt(Claim::stepsNeeded).max().orElse(1)));
    GradientSoFar walk = new GradientSoFar(notation, engine);
    for (Read r : reads) {
      List<Statement> statements = r.parsed().statements();
      if (!rnn || !r.span().display() || statements.size() != 1 || statements.get(0).isEquation()
          || !GradientSoFar.isChain(statements.get(0).sides().get(0))) {
        continue;
      }
      int from = Math.max(r.proseFrom(), r.span().open() - PROSE_WINDOW);
      Optional<Finding> f = walk.judge(r.span(), r.parsed(), statements.get(0).sides().get(0), proseBefore(r), from,
          walkSteps);
      if (f.isPresent()) {
        if (f.get().severity() != Severity.WARNING) {
          outcomes.judged(r.span(), f.get().severity() != Severity.ERROR);
        }
        findings.add(f.get());
      }
    }
    for (ProseAt p : prose) {
      for (ProseClaims.BoundClaim c : ProseClaims.find(p.text())) {
        Position at = p.segment().position(c.offset());
        Finding f = proseClaims.judge(c, at);
        findings.add(f);
        outcomes.prose(at, p.segment().place(at), c.activation() + "'s derivative " + c.comparator() + " " + c.boundText(), f.severity() == Severity.WARNING ? Optional.empty()
            : Optional.of(f.severity() != Severity.ERROR), f.message());
      }
    }
    for (int k = 0; k < starts.size(); k++) {
      // each section's network is its own (an RNN, then an LSTM, then a GRU), read with the inline
      // mathematics before the first section (the loss, the readout) that all of them share
      int from = k == 0 ? 0 : starts.get(k);
      List<Read> scope = new ArrayList<>(k == 0 ? List.of() : reads.subList(0, starts.get(0)).stream()
          .filter(r -> !r.span().display()).toList());
      scope.addAll(reads.subList(from, k + 1 < starts.size() ? starts.get(k + 1) : reads.size()));
      ownNetwork(scope, prose, findings, outcomes);
    }
    long mapped = findings.stream().filter(f -> f.message().endsWith("is the network's equation.")).count();
    long unmapped = findings.stream().filter(f -> f.message().startsWith("cannot map this equation for")).count();
    if (unmapped >= 2 && unmapped > mapped) {
      // Most of the document's forward equations are not the cell's (another GRU convention, another
      // gate layout): what disagrees with the cell is not shown false in the author's network.
      String why = "not judged, since this document's network is not the engine's " + cell.name() + " cell (" + unmapped
          + " of its forward equations differ from the cell's)";
      findings.replaceAll(f -> f.severity() == Severity.ERROR ? f.as(Severity.WARNING, why + "; judged on the cell, it"
          + " would be: " + f.message()) : f);
      outcomes.withdrawWrong(why + ".");
    }
    List<Finding> placed = new ArrayList<>();
    for (Finding f : findings) {
      placed.add(f.in(placeOf(document, f)));
    }
    placed.sort(null);
    return new Report(file, placed, outcomes.outcomes(placed, document));
  }

  /**
   * A displayed equation whose left side is a name the running text gave to a gradient ("with
   * $g_t = \partial L/\partial h_t$", then $$g_t = e_t W_y^\top + r_{t+1} W_h^\top$$) as a claim about that gradient.
   */
  private static Statement named(Statement s, List<StageFrame.Definition> names) {
    if (!(s.sides().get(0) instanceof Expr.Symbol l) || l.time().isEmpty()) {
      return s;
    }
    for (StageFrame.Definition d : names) {
      Time at = d.name().time().orElseThrow();
      if (d.name().name().equals(l.name()) && at.variable().equals(l.time().get().variable())) {
        List<Expr> sides = new ArrayList<>(s.sides());
        sides.set(0, dev.unroll.expr.Rewrite.shift(d.value(), l.time().get().offset() - at.offset()));
        return new Statement(sides, s.offset(), s.inequality(), s.relation());
      }
    }
    return s;
  }

  /** Hands the document's statements to the judge in its own network ({@link OwnNetworkPass}). */
  private static void ownNetwork(List<Read> reads, List<ProseAt> prose, List<Finding> findings, Outcomes outcomes) {
    List<Statement> all = new ArrayList<>();
    List<AuthorClaims.Item> displayed = new ArrayList<>();
    for (Read r : reads) {
      all.addAll(r.parsed().statements());
      if (r.span().display()) {
        r.parsed().statements().forEach(s -> displayed.add(new AuthorClaims.Item(r.span(), r.parsed(), s)));
      }
    }
    OwnNetworkPass.apply(all, displayed, String.join("\n", prose.stream().map(ProseAt::text).toList()), findings,
        outcomes);
  }

  /** Judges side {@code k} of a statement as a claim about its first side. */
  private void judgeSide(Read r, Statement s, int k, Notation notation, CellDefinition cell, NetworkCheck network,
      AdjointClaims adjointClaims, boolean rnn, List<Finding> findings, Outcomes outcomes, List<Claim> claims) {
    Expr lhs = DeltaNotation.adjoints(s.sides().get(0), notation, cell.loss());
    Expr rhs = DeltaNotation.adjoints(s.sides().get(k), notation, cell.loss());
    // Stage numbers read as stages (E_3); the written objects are kept otherwise, since positions are found by them.
    boolean numbered = AbsoluteTimes.any(adjointClaims.numbered(lhs)) || AbsoluteTimes.any(adjointClaims.numbered(rhs));
    Expr numberedLhs = numbered ? adjointClaims.numbered(lhs) : lhs;
    Expr numberedRhs = numbered ? adjointClaims.numbered(rhs) : rhs;
    var eq = network.equationFor(lhs);
    if (eq.isPresent()) {
      Position at = r.span().position(r.parsed().offset(lhs, s.offset()));
      Optional<String> right = network.mismatch(lhs, rhs, eq.get());
      if (right.isEmpty()) {
        outcomes.judged(r.span(), true);
        findings.add(Finding.at(at, Severity.NOTE, "confirmed: " + WrittenTex.of(lhs) + " is the network's equation."));
      } else {
        // The document defines its network: an equation the cell does not have is the author's, not a false claim.
        findings.add(Finding.at(at, Severity.WARNING, "cannot map this equation for " + WrittenTex.of(lhs) + " onto the "
            + cell.name() + " cell, whose equation is " + WrittenTex.of(lhs) + " = " + right.get()
            + "; claims that depend on the difference are judged on the cell's equation."));
      }
      return;
    }
    // The RNN's gradients are matched factor by factor, unless written with \sum or \prod: those are evaluated.
    // Under a linear readout the engine's softmax head only stands in for the author's: the RNN's gradients are
    // then evaluated, never matched factor by factor against a derivation through that head.
    boolean linear = rnn && !notation.spelling().containsValue("V");
    Optional<AdjointClaims.Claim> adjoint = adjointClaims.read(numberedLhs, numberedRhs)
        .filter(c -> !rnn || linear || c.kind() != AdjointClaims.Kind.GRADIENT || Subexpressions.hasSeries(rhs) || numbered);
    if (adjoint.isPresent()) {
      List<Finding> found = adjointClaims.judge(adjoint.get(), e -> r.span().position(r.parsed().offset(e, s.offset())),
          proseBefore(r));
      findings.addAll(found);
      if (!found.stream().allMatch(f -> f.severity() == Severity.WARNING)) {
        outcomes.judged(r.span(), found.stream().noneMatch(f -> f.severity() == Severity.ERROR));
      }
      return;
    }
    if (rnn && !linear) {
      claim(r, lhs, rhs, notation, findings).ifPresent(claims::add);
    }
  }

  /** How the document's names were read: "h is s, W_{hh} is W, ..., activation tanh". */
  private static String summary(Notation notation, String activation) {
    List<String> parts = new ArrayList<>();
    notation.spelling().forEach((author, variable) -> {
      if (!author.equals(variable)) {
        parts.add(WrittenTex.of(new Expr.Symbol(author, Optional.empty(), Expr.Role.PARAMETER)) + " is " + variable);
      }
    });
    parts.add("activation " + activation);
    return String.join(", ", parts);
  }

  /** "cell 3, line 2" when the finding is in a notebook's cell. */
  private static Optional<String> placeOf(Document document, Finding f) {
    if (document.kind() != Document.Kind.NOTEBOOK) {
      return Optional.empty();
    }
    Position p = new Position(f.line(), f.column());
    return document.segments().stream().map(s -> s.place(p)).flatMap(Optional::stream).findFirst();
  }





  /** The prose since the previous displayed formula, at most {@link #PROSE_WINDOW} characters of it. */
  private static String proseBefore(Read r) {
    int from = Math.max(r.proseFrom(), r.span().open() - PROSE_WINDOW);
    return r.prose().substring(from, r.span().open());
  }


  /** A derivative claim: the left side is {@code \partial E / \partial P} for a parameter P. */
  private static Optional<Claim> claim(Read r, Expr lhs, Expr rhs, Notation notation, List<Finding> findings) {
    if (!(lhs instanceof Expr.Partial p) || !(p.of() instanceof Expr.Symbol loss) || !(p.by() instanceof Expr.Symbol param)) {
      return Optional.empty();
    }
    String lossVar = notation.variable(loss.name()).orElse(notation.variable(notation.nearest(loss.name())).orElse(""));
    String paramVar = notation.variable(param.name()).orElse("");
    if (!lossVar.equals("E") || !(paramVar.equals("U") || paramVar.equals("W") || paramVar.equals("V"))
        || param.time().isPresent()) {
      return Optional.empty();
    }
    LossKind kind = loss.time().isPresent() ? LossKind.LAST : LossKind.TOTAL;
    int shift = loss.time().map(t -> 1 - t.offset()).orElse(0);
    List<Expr> written = rhs instanceof Expr.Sum s ? s.terms() : List.of(rhs);
    TermReader reader = new TermReader(notation, shift, r.parsed());
    List<WrittenTerm> terms = new ArrayList<>();
    for (Expr t : written) {
      if (t instanceof Expr.Negate) {
        findings.add(Finding.at(r.span().position(r.parsed().offset(t, 0)), Severity.WARNING,
            "could not match structure: a subtracted term is not compared factor by factor, nor evaluated numerically;"
                + " this claim was not checked."));
        return Optional.empty();
      }
      terms.add(reader.read(t, r.parsed().offset(rhs, 0)));
    }
    return Optional.of(new Claim(r.span(), r.parsed(), lhs, rhs, paramVar, kind, shift, terms));
  }

  /** Where the prose says that a chain's last factor stands for an outer product, if anywhere. */
  private static Optional<Position> statedOuterProduct(List<ProseAt> prose) {
    for (ProseAt p : prose) {
      OptionalInt at = ProseClaims.statedOuterProduct(p.text());
      if (at.isPresent()) {
        return Optional.of(p.segment().position(at.getAsInt()));
      }
    }
    return Optional.empty();
  }
}
