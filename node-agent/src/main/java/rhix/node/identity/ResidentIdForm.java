package rhix.node.identity;

/** How a local record carries its resident ID number. */
public enum ResidentIdForm {
    CURRENT,
    LEGACY_15,
    ABSENT
}
