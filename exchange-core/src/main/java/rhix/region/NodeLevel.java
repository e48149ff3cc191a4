package rhix.region;

/** Where a node sits in the 省—市—县 tree; hospitals hang below the platform nodes. */
public enum NodeLevel {
    PROVINCE,
    CITY,
    COUNTY,
    HOSPITAL;

    /** The level a node's parent must have; the province has none. */
    public boolean canBeChildOf(NodeLevel parent) {
        return parent.ordinal() < ordinal();
    }
}
