package rhix.node;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import rhix.identity.AdminDivisionCode;
import rhix.region.NodeId;
import rhix.region.NodeLevel;

/**
 * Who this node is: {@code rhix.node.*}. Defaults describe a stand-alone province node, so that a
 * developer can start one without configuring anything.
 *
 * @param id            stable node id, e.g. {@code county-330102} (default {@code province-330000})
 * @param level         PROVINCE, CITY or COUNTY (default PROVINCE)
 * @param divisionCode  GB/T 2260 code of the division the node serves (default 330000)
 * @param displayName   name shown on dashboards (default: the id)
 * @param parentId      the parent node's id; empty for the root
 * @param parentTarget  host:port of the parent's gRPC server; empty for the root
 * @param publicHttpUrl base URL other nodes and people reach this node's HTTP API at (default: derived from the port)
 */
@ConfigurationProperties("rhix.node")
public record NodeConfiguration(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") @Bindable(defaultValue = "province-330000") String id,
        @NotNull @Bindable(defaultValue = "PROVINCE") NodeLevel level,
        @NotBlank @Pattern(regexp = "\\d{6}") @Bindable(defaultValue = "330000") String divisionCode,
        @Nullable String displayName,
        @Nullable String parentId,
        @Nullable String parentTarget,
        @Nullable String publicHttpUrl) {

    public NodeId nodeId() {
        return NodeId.of(id);
    }

    public AdminDivisionCode division() {
        return AdminDivisionCode.of(divisionCode);
    }

    public String nameForDisplay() {
        return displayName == null || displayName.isBlank() ? id : displayName;
    }

    public boolean hasParent() {
        return parentTarget != null && !parentTarget.isBlank();
    }

    public NodeId parentNodeId() {
        if (parentId == null || parentId.isBlank()) {
            throw new IllegalStateException("rhix.node.parent-target is set but rhix.node.parent-id is not");
        }
        return NodeId.of(parentId);
    }
}
