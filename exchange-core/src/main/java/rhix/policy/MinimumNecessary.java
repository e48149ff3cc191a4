package rhix.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * 最小够用: decides what of a request may leave a node, and in which form. A request names its purpose,
 * one view and the columns it needs (never "all columns"); the answer is a {@link ReleasePlan} giving
 * every column its protection, or a {@link ReleaseRefusedException} naming every column that may not go.
 *
 * <ul>
 *   <li>TREATMENT: rows, the purpose's categories only (no payment data), clinical data in clear,
 *       identifiers masked and L5 sealed to the clinician per {@link ReleasePolicy}.</li>
 *   <li>RESEARCH: rows, only columns an approved grant covers, each with the grant's chosen protection or
 *       its level's default. L5 columns are always suppressed, and no grant can release a direct identifier
 *       in a form the researcher can read (NONE, ENCRYPT).</li>
 *   <li>PUBLIC_HEALTH: aggregates only. Rows are refused; {@link #planAggregate} plans grouping keys.</li>
 * </ul>
 */
public final class MinimumNecessary {

    /** Methods that keep one value per person: such a column would turn an aggregate back into rows. */
    private static final Set<Deidentification> PER_PERSON = EnumSet.of(
            Deidentification.MASK, Deidentification.HASH, Deidentification.TOKENISE, Deidentification.ENCRYPT);

    private final ClassificationCatalog catalog;
    private final ReleasePolicy policy;

    public MinimumNecessary(ClassificationCatalog catalog, ReleasePolicy policy) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is null");
        this.policy = Objects.requireNonNull(policy, "policy is null");
    }

    /** Row-level release for TREATMENT or PUBLIC_HEALTH (refused): no grant involved. */
    public ReleasePlan planRows(PurposeOfUse purpose, String view, Collection<String> columns) {
        return planRows(purpose, view, columns, Optional.empty());
    }

    /**
     * Row-level release. The grant is required for RESEARCH and ignored for the other purposes, whose
     * scope is the policy itself.
     */
    public ReleasePlan planRows(PurposeOfUse purpose, String view, Collection<String> columns,
                                Optional<GrantedColumns> grant) {
        Set<ColumnRef> requested = requested(view, columns);
        ReleasePolicy.PurposeScope scope = policy.scope(purpose);
        if (!scope.rowsReleased()) {
            throw new ReleaseRefusedException(purpose, view, purpose + " receives aggregates only, rows are not released",
                    requested.stream().map(column -> new RefusedColumn(column, RefusedColumn.Reason.ROWS_NOT_RELEASED,
                            "ask for an aggregate grouped by it instead")).toList());
        }
        List<ColumnRelease> released = new ArrayList<>();
        List<RefusedColumn> refused = new ArrayList<>();
        for (ColumnRef column : requested) {
            Optional<ColumnClassification> classification = catalog.find(column);
            if (classification.isEmpty()) {
                refused.add(new RefusedColumn(column, RefusedColumn.Reason.UNCLASSIFIED,
                        "not in " + ClassificationCatalog.RESOURCE));
                continue;
            }
            decideRow(purpose, scope, classification.get(), grant).ifPresentOrElse(
                    refusal -> refused.add(refusal),
                    () -> released.add(new ColumnRelease(classification.get(),
                            protectionFor(purpose, classification.get(), grant))));
        }
        if (!refused.isEmpty()) {
            throw new ReleaseRefusedException(purpose, view, refused.size() + " of " + requested.size()
                    + " columns not allowed", refused);
        }
        return new ReleasePlan(purpose, view, ReleasePlan.Shape.ROWS, released);
    }

    /**
     * An aggregate grouped by {@code groupBy}: each grouping key must be coarse enough that a group is not
     * a person (no identifiers, nothing the purpose gets suppressed, hashed, tokenised, masked or encrypted).
     * For RESEARCH the keys must be in the grant as well.
     */
    public ReleasePlan planAggregate(PurposeOfUse purpose, String view, Collection<String> groupBy,
                                     Optional<GrantedColumns> grant) {
        Set<ColumnRef> requested = requested(view, groupBy);
        ReleasePolicy.PurposeScope scope = policy.scope(purpose);
        List<ColumnRelease> released = new ArrayList<>();
        List<RefusedColumn> refused = new ArrayList<>();
        for (ColumnRef column : requested) {
            Optional<ColumnClassification> found = catalog.find(column);
            if (found.isEmpty()) {
                refused.add(new RefusedColumn(column, RefusedColumn.Reason.UNCLASSIFIED,
                        "not in " + ClassificationCatalog.RESOURCE));
                continue;
            }
            ColumnClassification classification = found.get();
            Optional<RefusedColumn> refusal = decideRow(purpose, scope, classification, grant);
            Protection protection = protectionFor(purpose, classification, grant);
            if (refusal.isEmpty() && (classification.kind().isDirectIdentifier()
                    || protection.method() == Deidentification.SUPPRESS || PER_PERSON.contains(protection.method()))) {
                refusal = Optional.of(new RefusedColumn(column, RefusedColumn.Reason.NOT_A_GROUPING_KEY,
                        classification.kind() + " at " + classification.level() + " is " + protection + " for " + purpose));
            }
            refusal.ifPresentOrElse(refused::add, () -> released.add(new ColumnRelease(classification, protection)));
        }
        if (!refused.isEmpty()) {
            throw new ReleaseRefusedException(purpose, view, refused.size() + " of " + requested.size()
                    + " grouping columns not allowed", refused);
        }
        return new ReleasePlan(purpose, view, ReleasePlan.Shape.AGGREGATES, released);
    }

    private static Set<ColumnRef> requested(String view, Collection<String> columns) {
        Objects.requireNonNull(view, "view is null");
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("a release names its columns (minimum necessary: never all of " + view + ")");
        }
        Set<ColumnRef> requested = new LinkedHashSet<>();
        columns.forEach(column -> requested.add(ColumnRef.of(view, column)));
        return requested;
    }

    /** Why the column may not go, or empty when it may. */
    private static Optional<RefusedColumn> decideRow(PurposeOfUse purpose, ReleasePolicy.PurposeScope scope,
                                                     ColumnClassification classification, Optional<GrantedColumns> grant) {
        ColumnRef column = classification.column();
        if (!scope.categories().contains(classification.category())) {
            return refusal(column, RefusedColumn.Reason.CATEGORY_NOT_NEEDED,
                    classification.category() + " (" + classification.category().chineseName() + ") is not needed for " + purpose);
        }
        if (purpose != PurposeOfUse.RESEARCH) {
            return Optional.empty();
        }
        if (grant.isEmpty() || !grant.get().columns().contains(column)) {
            return refusal(column, RefusedColumn.Reason.NOT_IN_GRANT,
                    grant.isEmpty() ? "research needs an approved data-use grant" : "the grant does not cover it");
        }
        Protection chosen = grant.get().chosenProtections().get(column);
        if (chosen == null) {
            return Optional.empty();
        }
        if (!classification.kind().accepts(chosen.method())) {
            return refusal(column, RefusedColumn.Reason.METHOD_NOT_APPLICABLE,
                    chosen.method() + " does not apply to " + classification.kind() + " values");
        }
        boolean readableByRecipient = chosen.isClear() || chosen.method() == Deidentification.ENCRYPT;
        if (readableByRecipient && (classification.level() == SensitivityLevel.L5 || classification.kind().isDirectIdentifier())) {
            return refusal(column, RefusedColumn.Reason.CLEAR_NOT_ALLOWED, "the grant chose " + chosen + " for "
                    + (classification.level() == SensitivityLevel.L5 ? "an L5 column" : "a direct identifier (" + classification.kind() + ")"));
        }
        return Optional.empty();
    }

    /** The grant's choice for research, else the default; L5 for research is suppressed whatever the grant says. */
    private Protection protectionFor(PurposeOfUse purpose, ColumnClassification classification, Optional<GrantedColumns> grant) {
        if (purpose == PurposeOfUse.RESEARCH) {
            if (classification.level() == SensitivityLevel.L5) {
                return Protection.of(Deidentification.SUPPRESS);
            }
            Protection chosen = grant.map(g -> g.chosenProtections().get(classification.column())).orElse(null);
            if (chosen != null) {
                return chosen;
            }
        }
        return policy.defaultProtection(purpose, classification);
    }

    private static Optional<RefusedColumn> refusal(ColumnRef column, RefusedColumn.Reason reason, String detail) {
        return Optional.of(new RefusedColumn(column, reason, detail));
    }
}
