package io.github.regpy4j.solvers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops as soon as any of its rules stops. Port of regpy's {@code CombineRules}. Members are
 * asked in order; the first that fires is the {@link #firedRule()}, and later members are not
 * asked at that state. Nested combinations are flattened.
 */
public final class AnyOf implements StopRule {

    private static final Logger LOG = LoggerFactory.getLogger(AnyOf.class);

    private final List<StopRule> rules;
    private StopRule fired;

    private AnyOf(List<StopRule> rules) {
        this.rules = Collections.unmodifiableList(rules);
    }

    /**
     * @param rules the rules, at least one, none {@code null}. Not modified.
     * @return their combination
     * @throws IllegalArgumentException if there is no rule or one is {@code null}
     */
    public static AnyOf of(StopRule... rules) {
        if (rules == null || rules.length == 0) {
            throw new IllegalArgumentException("AnyOf needs at least one stop rule but got none");
        }
        List<StopRule> flat = new ArrayList<>();
        for (int i = 0; i < rules.length; i++) {
            if (rules[i] == null) {
                throw new IllegalArgumentException("stop rule " + i + " of AnyOf is null");
            }
            if (rules[i] instanceof AnyOf any) {
                flat.addAll(any.rules);
            } else {
                flat.add(rules[i]);
            }
        }
        return new AnyOf(flat);
    }

    /** @return the member rules, unmodifiable */
    public List<StopRule> rules() {
        return rules;
    }

    @Override
    public boolean shouldStop(IterationState state) {
        for (StopRule rule : rules) {
            if (rule.shouldStop(state)) {
                fired = rule.firedRule();
                LOG.info("stop rule {} fired at iteration {}", fired, state.iteration());
                return true;
            }
        }
        return false;
    }

    @Override
    public StopRule firedRule() {
        return fired;
    }

    /** @return e.g. {@code AnyOf[CountIterations[100], Discrepancy[τ=1.1, δ=0.5]]} */
    @Override
    public String toString() {
        return "AnyOf" + rules;
    }
}
