package rhix.mpi.index;

import io.micronaut.serde.annotation.Serdeable;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rhix.mpi.match.FellegiSunterModel;
import rhix.mpi.match.Trait;

/**
 * A Fellegi–Sunter model as JSON for the store and the administration API: per trait, the probabilities of
 * agree / partial / disagree among matches ({@code m}) and non-matches ({@code u}), and the weights they give.
 */
@Serdeable
public record ModelParameters(Map<String, List<Double>> m, Map<String, List<Double>> u, double matchPrevalence,
                              Map<String, List<Double>> weights) {

    public static ModelParameters of(FellegiSunterModel model) {
        Map<String, List<Double>> m = new LinkedHashMap<>();
        Map<String, List<Double>> u = new LinkedHashMap<>();
        Map<String, List<Double>> weights = new LinkedHashMap<>();
        for (Trait trait : Trait.values()) {
            FellegiSunterModel.Levels mt = model.m().get(trait);
            FellegiSunterModel.Levels ut = model.u().get(trait);
            m.put(trait.name(), List.of(mt.agree(), mt.partial(), mt.disagree()));
            u.put(trait.name(), List.of(ut.agree(), ut.partial(), ut.disagree()));
            weights.put(trait.name(), List.of(model.weight(trait, rhix.mpi.match.Agreement.AGREE),
                    model.weight(trait, rhix.mpi.match.Agreement.PARTIAL),
                    model.weight(trait, rhix.mpi.match.Agreement.DISAGREE)));
        }
        return new ModelParameters(m, u, model.matchPrevalence(), weights);
    }

    /** The model these parameters describe; every trait needs three probabilities on each side, each in (0, 1]. */
    public FellegiSunterModel toModel() {
        Map<Trait, FellegiSunterModel.Levels> mLevels = new EnumMap<>(Trait.class);
        Map<Trait, FellegiSunterModel.Levels> uLevels = new EnumMap<>(Trait.class);
        for (Trait trait : Trait.values()) {
            mLevels.put(trait, levels("m", trait, m));
            uLevels.put(trait, levels("u", trait, u));
        }
        if (!(matchPrevalence > 0 && matchPrevalence < 1)) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, "matchPrevalence must be between 0 and 1, was " + matchPrevalence);
        }
        return new FellegiSunterModel(mLevels, uLevels, matchPrevalence);
    }

    private static FellegiSunterModel.Levels levels(String side, Trait trait, Map<String, List<Double>> probabilities) {
        List<Double> values = probabilities == null ? null : probabilities.get(trait.name());
        if (values == null || values.size() != 3) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, side + "." + trait.name()
                    + " needs three probabilities (agree, partial, disagree)");
        }
        double sum = 0;
        for (Double value : values) {
            if (value == null || !(value > 0 && value <= 1)) {
                throw new IndexRefusal(IndexRefusal.Kind.INVALID, side + "." + trait.name()
                        + ": every probability must be in (0, 1], got " + values);
            }
            sum += value;
        }
        if (Math.abs(sum - 1) > 0.01) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, side + "." + trait.name() + " must sum to 1, sums to " + sum);
        }
        return new FellegiSunterModel.Levels(values.get(0) / sum, values.get(1) / sum, values.get(2) / sum);
    }
}
