package dev.unroll.numeric;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A {@link CheckReport} as the one JSON document {@code unroll check --json} prints:
 * {@code {"loss": number, "gradients": {"U": [[...]], ...}, "agreement": {...}, "params": {...},
 * "setup": {...}}}. Gradients are the backward pass's, shaped like each parameter. Key order is
 * fixed, so the same check prints the same bytes.
 */
public final class CheckReportJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  public ObjectNode write(CheckReport r, ObjectNode params) {
    ObjectNode out = F.objectNode();
    out.put("loss", r.lossValue());
    ObjectNode gradients = out.putObject("gradients");
    r.gradients().forEach((name, g) -> gradients.set(name, ParamsJson.matrix(g)));
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

  private static ObjectNode agreement(CheckReport r) {
    ObjectNode a = F.objectNode();
    a.put("reference", Source.AUTOMATIC_DIFFERENTIATION.label());
    a.put("measure", "normwise per parameter: ||g - r||_2 / max(||g||_2, ||r||_2) over the compared entries");
    a.put("entries", r.entries());
    ArrayNode sources = a.putArray("sources");
    r.sources().forEach(s -> sources.add(s.label()));
    ObjectNode tolerances = a.putObject("tolerances");
    r.sources().stream().filter(s -> s != Source.AUTOMATIC_DIFFERENTIATION).forEach(s -> tolerances.put(s.label(), s.tolerance()));
    ObjectNode errors = a.putObject("relativeErrors");
    for (Discrepancy d : r.comparisons()) {
      ObjectNode p = errors.has(d.parameter()) ? (ObjectNode) errors.get(d.parameter()) : errors.putObject(d.parameter());
      p.put(d.source().label(), d.relativeError());
    }
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
