package rhix.mpi.link;

/** The steps of a bulk linkage run, in the order they run: what a progress listener and the timings name. */
public enum LinkagePhase {
    /** blocking keys of every record, grouped into blocks, turned into distinct candidate pairs */
    BLOCKING,
    /** a comparison vector for every candidate pair */
    COMPARING,
    /** m, u and prevalence estimated from the vectors (EM), unless a model was supplied */
    ESTIMATING,
    /** every pair's match probability, against the link and review thresholds */
    SCORING,
    /** links merged into clusters, strongest first; the review band checked against the clusters */
    CLUSTERING
}
