package dev.unroll.numeric;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A {@link CheckReport} as the one JSON document {@code unroll check --json} prints:
 * {@code {"loss": number, "gradients": {"U": [[...]], ...}, "agreement": {...}, "params": {...},
 * "setup": {...}}}. Gradients are the backward pass's, each in exactly the shape its parameter has in
 * the params file (a bias as a flat list, a matrix as a list of rows), so a gradient step is
 * {@code p - lr * g} key by key. Key order is fixed, so the same check prints the same bytes.
 */
public final class CheckReportJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  public ObjectNode write(CheckReport r, ObjectNode params) {
    ObjectNode out = F.objectNode();
    out.put("loss", r.lossValue());
    ObjectNode gradients = out.putObject("gradients");
    r.gradients().forEach((name, g) -> gradients.set(name, shapedLike(g, params.get(name))));
    out.set("agreement", agreement(r));
    out.set("params", params);
    ObjectNode setup = out.putObject("setup");
    setup.put("cell", r.cell());
    setup.put("activation", r.activation());
    setup.put("loss", r.loss().spelled());
    ObjectNode sizes = setup.putObject("sizes");
    r.sizes().forEach(sizes::put);
    setup.put("steps", r.steps());
    return out;
  }

  /** A one-column gradient as a flat list where the params file gives the parameter as one, else rows. */
  private static ArrayNode shapedLike(org.hipparchus.linear.RealMatrix g, com.fasterxml.jackson.databind.JsonNode param) {
    boolean flat = param != null && param.isArray() && param.size() > 0 && !param.get(0).isArray();
    return flat && g.getColumnDimension() == 1 ? ParamsJson.vector(g.getColumnVector(0)) : ParamsJson.matrix(g);
  }

  private static ObjectNode agreement(CheckReport r) {
    ObjectNode a = F.objectNode();
    a.put("reference", Source.AUTOMATIC_DIFFERENTIATION.label());
    a.put("measure", "normwise per parameter: ||g - r||_2 / max(||g||_2, ||r||_2) over the compared entries");
    a.put("entries", r.entries());
    ArrayNode sources = a.putArray("sources");
    r.sources().forEach(s -> sources.add(s.label()));
    ObjectNode tolerances = a.putObject("tolerances");
    r.sources().stream().filter(s -> s != Source.AUTOMATIC_DIFFERENTIATION).forEach(s -> tolerances.put(s.label(), s.tolerance()));
    a.put("rule", "passes when ||g - r||_2 <= tolerance * max(||g||_2, ||r||_2) + floor; the floor is how far the gradient moves"
        + " when every weight moves by " + (int) Floors.ULPS + " rounding errors, times " + (int) Floors.SAFETY
        + " (finite differences: plus " + (int) NumericCheck.FD_SAFETY + " times their Richardson error estimate)");
    ObjectNode errors = a.putObject("relativeErrors");
    ObjectNode allowed = a.putObject("allowed");
    for (Discrepancy d : r.comparisons()) {
      ObjectNode p = errors.has(d.parameter()) ? (ObjectNode) errors.get(d.parameter()) : errors.putObject(d.parameter());
      p.put(d.source().label(), d.relativeError());
      ObjectNode q = allowed.has(d.parameter()) ? (ObjectNode) allowed.get(d.parameter()) : allowed.putObject(d.parameter());
      q.put(d.source().label(), d.source().tolerance() + d.relativeFloor());
    }
    ArrayNode notes = a.putArray("notes");
    r.notes().forEach(notes::add);
    ObjectNode skipped = a.putObject("skipped");
    for (Map.Entry<Source, String> s : r.skipped().entrySet()) {
      skipped.put(s.getKey().label(), s.getValue());
    }
    a.put("passed", r.passed());
    ArrayNode failures = a.putArray("failures");
    for (Discrepancy d : r.failures()) {
      ObjectNode f = failures.addObject();
      f.put("source", d.source().label());
      f.put("parameter", d.parameter());
      f.put("relativeError", d.relativeError());
      f.put("tolerance", d.source().tolerance());
      f.put("floor", d.floor());
      f.set("entry", F.arrayNode().add(d.worst().row()).add(d.worst().col()));
      f.put("value", d.value());
      f.put("reference", d.reference());
    }
    ArrayNode diagnoses = a.putArray("diagnoses");
    for (Diagnosis d : r.diagnoses()) {
      ObjectNode n = diagnoses.addObject();
      n.put("source", d.source().label());
      n.put("parameter", d.parameter());
      n.set("entry", F.arrayNode().add(d.entry().row()).add(d.entry().col()));
      ArrayNode terms = n.putArray("terms");
      d.terms().forEach(terms::add);
      n.put("termCount", d.termCount());
      n.put("path", d.path());
      n.put("value", d.value());
      n.put("expected", d.expected());
      n.put("message", d.describe());
    }
    return a;
  }
}
