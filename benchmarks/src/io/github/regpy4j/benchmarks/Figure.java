package io.github.regpy4j.benchmarks;

import java.util.Locale;

/**
 * One measured figure: the candidate (the runtime), its baseline measured in the same run,
 * interleaved with it, and their ratio computed per repetition.
 *
 * @param suite which part of issue 5 it belongs to
 * @param name what was measured, e.g. {@code apply N=4}
 * @param unit the unit of candidate and baseline
 * @param candidate the runtime's figure, one value per repetition
 * @param baseline what it is divided by, one value per repetition
 * @param baselineName what the baseline is
 * @param ratio candidate / baseline (or the stated inverse), per repetition
 * @param ratioName what the ratio means, e.g. {@code runtime / raw}
 * @param target the target on the ratio, e.g. {@code ≤ 1.5}, or empty
 * @param met whether the median ratio meets the target; {@code null} without a target
 * @param note context: bandwidths, regpy's figure, …
 */
record Figure(String suite, String name, String unit, Stats candidate, Stats baseline, String baselineName,
        Stats ratio, String ratioName, String target, Boolean met, String note) {

    static Figure of(String suite, String name, String unit, double[] cand, double[] base, String baselineName,
            boolean inverse, String ratioName, String target, String note) {
        double[] r = new double[cand.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = inverse ? base[i] / cand[i] : cand[i] / base[i];
        }
        Stats rs = Stats.of(r);
        Boolean met = null;
        if (target != null && !target.isEmpty()) {
            double limit = Double.parseDouble(target.substring(1).trim());
            met = target.startsWith("≤") ? rs.median() <= limit : rs.median() >= limit;
        }
        return new Figure(suite, name, unit, Stats.of(cand), Stats.of(base), baselineName, rs, ratioName,
                target == null ? "" : target, met, note == null ? "" : note);
    }

    String markdownRow() {
        return String.format(Locale.ROOT, "| %s | %s | %s %s | %s | %s | %s | %s |", suite, name,
                candidate.format(fmt(candidate.median())), unit, baseline.format(fmt(baseline.median())) + " " + unit
                        + " (" + baselineName + ")",
                ratio.format("%.2f") + " " + ratioName, target.isEmpty() ? "–" : met == null ? target : target + (met ? " ✅" : " ❌"), note);
    }

    private static String fmt(double v) {
        double a = Math.abs(v);
        return a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3g";
    }

    String json() {
        return String.format(Locale.ROOT,
                "{\"suite\": \"%s\", \"name\": \"%s\", \"unit\": \"%s\", \"candidate\": %s, \"baseline\": %s, "
                        + "\"baselineName\": \"%s\", \"ratio\": %s, \"ratioName\": \"%s\", \"target\": \"%s\", \"met\": %s, "
                        + "\"note\": \"%s\"}",
                suite, name, unit, candidate.json(), baseline.json(), baselineName, ratio.json(), ratioName, target,
                met, note.replace("\"", "'"));
    }
}
