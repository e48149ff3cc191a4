package rhix.grant.command;

import static rhix.events.CommandArguments.requireDistinct;
import static rhix.events.CommandArguments.requirePresent;
import static rhix.events.CommandArguments.requireText;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import rhix.grant.api.ColumnScope;
import rhix.grant.api.GrantKind;
import rhix.grant.api.RowScope;
import rhix.grant.api.ViewScope;
import rhix.identity.AdminDivisionCode;

/** The scope and duration an application asks for, checked field by field before review sees it. */
final class ApplicationChecks {

    private ApplicationChecks() {
    }

    static void checkViews(List<ViewScope> views) {
        requirePresent(views, "views");
        if (views.isEmpty()) {
            throw new IllegalArgumentException("views is empty: an application asks for at least one view");
        }
        var viewNames = new HashSet<String>();
        for (ViewScope view : views) {
            requirePresent(view, "views entry");
            requireText(view.view(), "view");
            if (!viewNames.add(view.view())) {
                throw new IllegalArgumentException("views names '" + view.view() + "' twice");
            }
            checkColumns(view);
        }
    }

    private static void checkColumns(ViewScope view) {
        String field = "columns of view '" + view.view() + "'";
        requirePresent(view.columns(), field);
        if (view.columns().isEmpty()) {
            throw new IllegalArgumentException(field + " is empty: a view is asked for with at least one column");
        }
        var columnNames = new HashSet<String>();
        for (ColumnScope column : view.columns()) {
            requirePresent(column, field + " entry");
            requireText(column.column(), "column of view '" + view.view() + "'");
            requirePresent(column.deidentification(), "deidentification of " + view.view() + "." + column.column());
            if (!columnNames.add(column.column())) {
                throw new IllegalArgumentException(field + " names '" + column.column() + "' twice");
            }
        }
    }

    static void checkRows(RowScope rows) {
        requirePresent(rows, "rowScope");
        requireText(rows.filter(), "rowScope.filter");
        requireDistinct(rows.divisionCodes(), "rowScope.divisionCodes", true);
        for (String code : rows.divisionCodes()) {
            if (!AdminDivisionCode.isWellFormed(code)) {
                throw new IllegalArgumentException("rowScope.divisionCodes has '" + code + "', not a GB/T 2260 division code");
            }
        }
    }

    static void checkDuration(Duration duration, GrantKind kind) {
        requirePresent(duration, "requestedDuration");
        requirePresent(kind, "kind");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("requestedDuration must be positive, was " + duration);
        }
        if (duration.compareTo(kind.maximumDuration()) > 0) {
            throw new IllegalArgumentException("requestedDuration " + duration.toDays() + " days is longer than a " + kind
                    + " grant may run (" + kind.maximumDuration().toDays() + " days)");
        }
    }
}
