package rhix.mpi.index;

import java.util.EnumMap;
import java.util.Map;
import rhix.mpi.match.FellegiSunterModel;
import rhix.mpi.match.FellegiSunterModel.Levels;
import rhix.mpi.match.Trait;

/**
 * The model an index starts with before it has data to estimate one from (a bulk linkage run or
 * {@code POST /mpi/model/estimate} replaces it with an EM estimate). The values are of the order EM finds
 * among blocked candidate pairs of the synthetic region at its default noise: an agreeing resident ID is
 * nearly conclusive, name and birth date together are strong, sex and county add little.
 */
public final class DefaultModel {

    private DefaultModel() {
    }

    public static FellegiSunterModel model() {
        Map<Trait, Levels> m = new EnumMap<>(Trait.class);
        Map<Trait, Levels> u = new EnumMap<>(Trait.class);
        m.put(Trait.RESIDENT_ID, new Levels(0.96, 0.03, 0.01));
        u.put(Trait.RESIDENT_ID, new Levels(0.0005, 0.0015, 0.998));
        m.put(Trait.NAME, new Levels(0.86, 0.13, 0.01));
        u.put(Trait.NAME, new Levels(0.01, 0.03, 0.96));
        m.put(Trait.BIRTH_DATE, new Levels(0.96, 0.035, 0.005));
        u.put(Trait.BIRTH_DATE, new Levels(0.01, 0.02, 0.97));
        m.put(Trait.GENDER, new Levels(0.995, 0.000001, 0.004999));
        u.put(Trait.GENDER, new Levels(0.5, 0.000001, 0.499999));
        m.put(Trait.PHONE, new Levels(0.82, 0.04, 0.14));
        u.put(Trait.PHONE, new Levels(0.005, 0.005, 0.99));
        m.put(Trait.DIVISION, new Levels(0.8, 0.15, 0.05));
        u.put(Trait.DIVISION, new Levels(0.2, 0.3, 0.5));
        return new FellegiSunterModel(m, u, 0.05);
    }
}
