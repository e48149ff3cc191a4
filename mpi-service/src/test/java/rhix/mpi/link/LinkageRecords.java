package rhix.mpi.link;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import rhix.identity.AdminDivisionCode;
import rhix.identity.ResidentId;
import rhix.mpi.match.FellegiSunterModel;
import rhix.mpi.match.FellegiSunterModel.Levels;
import rhix.mpi.match.IdentityRecord;
import rhix.mpi.match.Trait;

/** Hand-made identity records for the linkage tests. */
final class LinkageRecords {

    static final LocalDate BORN = LocalDate.of(1968, 3, 7);

    private LinkageRecords() {
    }

    static String residentId(String division, LocalDate born, int sequence) {
        return ResidentId.of(AdminDivisionCode.of(division), born, sequence).value();
    }

    /** The same number with a check character GB 11643 refuses. */
    static String withBrokenCheckCharacter(String id) {
        return id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1');
    }

    static IdentityRecord record(String localId, String nameZh, String pinyin, LocalDate born, String residentId, String phone,
                                 String division) {
        return IdentityRecord.of("county-" + division, localId, nameZh, pinyin, "female", born, residentId, phone, division);
    }

    /** A fixed model, so that hand-made cases do not depend on what EM makes of a handful of pairs. */
    static FellegiSunterModel model() {
        Map<Trait, Levels> m = new EnumMap<>(Trait.class);
        Map<Trait, Levels> u = new EnumMap<>(Trait.class);
        m.put(Trait.RESIDENT_ID, new Levels(0.90, 0.06, 0.04));
        u.put(Trait.RESIDENT_ID, new Levels(0.001, 0.004, 0.995));
        m.put(Trait.NAME, new Levels(0.80, 0.15, 0.05));
        u.put(Trait.NAME, new Levels(0.01, 0.04, 0.95));
        m.put(Trait.BIRTH_DATE, new Levels(0.92, 0.05, 0.03));
        u.put(Trait.BIRTH_DATE, new Levels(0.02, 0.03, 0.95));
        m.put(Trait.GENDER, new Levels(0.98, 0.00001, 0.01999));
        u.put(Trait.GENDER, new Levels(0.50, 0.00001, 0.49999));
        m.put(Trait.PHONE, new Levels(0.70, 0.10, 0.20));
        u.put(Trait.PHONE, new Levels(0.002, 0.008, 0.99));
        m.put(Trait.DIVISION, new Levels(0.75, 0.15, 0.10));
        u.put(Trait.DIVISION, new Levels(0.20, 0.30, 0.50));
        return new FellegiSunterModel(m, u, 0.08);
    }
}
