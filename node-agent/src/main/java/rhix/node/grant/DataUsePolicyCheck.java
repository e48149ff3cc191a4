package rhix.node.grant;

import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import rhix.grant.api.ColumnScope;
import rhix.grant.api.ViewScope;
import rhix.policy.ClassificationCatalog;
import rhix.policy.ColumnRef;
import rhix.policy.Deidentification;
import rhix.policy.GrantedColumns;
import rhix.policy.MinimumNecessary;
import rhix.policy.Protection;
import rhix.policy.PurposeOfUse;
import rhix.policy.ReleasePolicy;
import rhix.policy.ReleaseRefusedException;

/**
 * Checks an application against the region's classification and release policy before it reaches a reviewer:
 * every column must be classified (GB/T 39725-2020), and a research application may only ask for what a grant
 * may give (no L5 column, no direct identifier readable). Reviewers then judge necessity, not legality.
 */
@Singleton
public class DataUsePolicyCheck {

    private final ClassificationCatalog catalog = ClassificationCatalog.load();
    private final MinimumNecessary minimumNecessary = new MinimumNecessary(catalog, ReleasePolicy.load());

    /** Throws {@link ReleaseRefusedException} naming every column the purpose may not have in the form asked. */
    public void check(PurposeOfUse purpose, Iterable<ViewScope> views) {
        for (ViewScope view : views) {
            Set<ColumnRef> columns = new HashSet<>();
            Map<ColumnRef, Protection> chosen = new HashMap<>();
            for (ColumnScope column : view.columns()) {
                ColumnRef ref = ColumnRef.of(view.view(), column.column());
                columns.add(ref);
                // A generalisation's precision is the policy's to choose (its level's default); the others as asked.
                if (column.deidentification() != Deidentification.GENERALISE) {
                    chosen.put(ref, Protection.of(column.deidentification()));
                }
            }
            var names = view.columns().stream().map(ColumnScope::column).toList();
            if (purpose == PurposeOfUse.RESEARCH) {
                minimumNecessary.planRows(purpose, view.view(), names, Optional.of(new GrantedColumns(columns, chosen)));
            } else {
                // Public health receives aggregates only; its columns must still be classified to be released at all.
                names.forEach(column -> catalog.classify(view.view(), column));
            }
        }
    }
}
