package rhix.synthetic;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import rhix.identity.AdminDivisionCode;

/**
 * Where and when a person is treated. Everyone is seen at a hospital of their home county, some
 * at its other hospital too; some are referred up to a hospital of their city, a few to the
 * province hospital, a few days to a month after a county visit, for the same complaint: the
 * situation in which the receiving hospital should recognise the county's recent results instead
 * of repeating them. Visits fall in the three years before asOf, ending a month before it so
 * that every time a visit produces (discharge, late reports) is still before asOf.
 */
final class CarePathways {

    /** One visit to plan: when it starts, whether the patient is admitted, what it is for. */
    record Visit(LocalDateTime start, boolean inpatient, ClinicalCatalog.Diagnosis diagnosis) {
    }

    /** A hospital the person is treated at and their visits there, in time order. */
    record Stay(Hospital hospital, List<Visit> visits) {
        Stay {
            visits = List.copyOf(visits);
        }
    }

    /** Latest visit start: a month before asOf, so discharges and late reports are before asOf too. */
    static final int LATEST_VISIT_DAYS_BEFORE_AS_OF = 31;
    private static final int REFERRAL_DELAY_MAX_DAYS = 30;
    private static final int HISTORY_YEARS = 3;

    private final RegionLayout layout;
    private final LocalDate asOf;

    CarePathways(RegionLayout layout, LocalDate asOf) {
        this.layout = layout;
        this.asOf = asOf;
    }

    /** The person's hospitals, home county first (that first record is the faithful one), each with its visits. */
    List<Stay> plan(Person person, SplittableRandom random) {
        ClinicalCatalog.Diagnosis usualComplaint = ClinicalCatalog.drawDiagnosis(random);
        List<Hospital> local = hospitalsIn(person.homeCounty());
        List<Hospital> city = hospitalsIn(person.homeCounty().city());
        List<Hospital> province = hospitalsIn(person.homeCounty().province());

        List<Hospital> localVisited = new ArrayList<>(2);
        if (!local.isEmpty()) {
            localVisited.add(local.get(random.nextInt(local.size())));
            if (local.size() > 1 && random.nextInt(100) < 35) {
                Hospital other;
                do {
                    other = local.get(random.nextInt(local.size()));
                } while (localVisited.contains(other));
                localVisited.add(other);
            }
        }
        List<Hospital> referred = new ArrayList<>(2);
        if (!city.isEmpty() && (localVisited.isEmpty() || random.nextInt(100) < 30)) {
            referred.add(city.get(random.nextInt(city.size())));
        }
        if (!province.isEmpty() && ((localVisited.isEmpty() && referred.isEmpty()) || random.nextInt(100) < 15)) {
            referred.add(province.get(random.nextInt(province.size())));
        }

        LocalDate latestStart = asOf.minusDays(LATEST_VISIT_DAYS_BEFORE_AS_OF);
        LocalDate earliestStart = max(person.birthDate().plusDays(1), asOf.minusYears(HISTORY_YEARS));
        LocalDate latestLocal = latestStart.minusDays(REFERRAL_DELAY_MAX_DAYS);
        List<Stay> stays = new ArrayList<>(4);
        List<Visit> allVisits = new ArrayList<>();
        for (Hospital hospital : localVisited) {
            int count = 1 + (random.nextInt(3) == 0 ? 1 : 0) + (random.nextInt(8) == 0 ? 1 : 0);
            List<Visit> visits = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                visits.add(visit(between(earliestStart, latestLocal, random), random.nextInt(100) < 8,
                        complaint(usualComplaint, random), random));
            }
            visits.sort(Comparator.comparing(Visit::start));
            allVisits.addAll(visits);
            stays.add(new Stay(hospital, visits));
        }
        for (Hospital hospital : referred) {
            LocalDate first = allVisits.isEmpty()
                    ? between(earliestStart, latestLocal, random)
                    : min(allVisits.get(random.nextInt(allVisits.size())).start().toLocalDate()
                            .plusDays(1 + random.nextInt(REFERRAL_DELAY_MAX_DAYS)), latestStart);
            List<Visit> visits = new ArrayList<>(2);
            // Referred for the complaint the county saw them for.
            visits.add(visit(first, random.nextInt(100) < 25, usualComplaint, random));
            if (random.nextInt(4) == 0) {
                visits.add(visit(min(first.plusDays(3 + random.nextInt(28)), latestStart), false, usualComplaint, random));
            }
            visits.sort(Comparator.comparing(Visit::start));
            allVisits.addAll(visits);
            stays.add(new Stay(hospital, visits));
        }
        return stays;
    }

    private List<Hospital> hospitalsIn(AdminDivisionCode division) {
        return layout.nodeFor(division).map(node -> layout.hospitalsAt(node.id())).orElse(List.of());
    }

    private static ClinicalCatalog.Diagnosis complaint(ClinicalCatalog.Diagnosis usual, SplittableRandom random) {
        // Most visits are for the person's usual complaint (a chronic disease, say); the rest for anything.
        return random.nextInt(10) < 7 ? usual : ClinicalCatalog.drawDiagnosis(random);
    }

    private static Visit visit(LocalDate day, boolean inpatient, ClinicalCatalog.Diagnosis diagnosis, SplittableRandom random) {
        return new Visit(day.atTime(8 + random.nextInt(9), random.nextInt(60)), inpatient, diagnosis);
    }

    private static LocalDate between(LocalDate first, LocalDate last, SplittableRandom random) {
        long span = last.toEpochDay() - first.toEpochDay();
        return span <= 0 ? first : first.plusDays(random.nextLong(span + 1));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
