package rhix.mpi.link;

/** Disjoint sets over record indexes (path halving, union by size): clusters grow one link at a time. */
final class UnionFind {

    private final int[] parent;
    private final int[] size;

    UnionFind(int elements) {
        parent = new int[elements];
        size = new int[elements];
        for (int i = 0; i < elements; i++) {
            parent[i] = i;
            size[i] = 1;
        }
    }

    int find(int element) {
        int current = element;
        while (parent[current] != current) {
            parent[current] = parent[parent[current]];
            current = parent[current];
        }
        return current;
    }

    /** Joins the sets of two roots; returns the root of the joined set. */
    int unionRoots(int rootA, int rootB) {
        if (rootA == rootB) {
            return rootA;
        }
        int big = size[rootA] >= size[rootB] ? rootA : rootB;
        int small = big == rootA ? rootB : rootA;
        parent[small] = big;
        size[big] += size[small];
        return big;
    }

    int union(int a, int b) {
        return unionRoots(find(a), find(b));
    }

    /**
     * Each element's set as a dense index, numbered in order of each set's first element, so that the
     * same links give the same numbering whatever order they were merged in.
     */
    int[] denseLabels() {
        int[] labels = new int[parent.length];
        int[] labelOfRoot = new int[parent.length];
        java.util.Arrays.fill(labelOfRoot, -1);
        int next = 0;
        for (int i = 0; i < parent.length; i++) {
            int root = find(i);
            if (labelOfRoot[root] < 0) {
                labelOfRoot[root] = next++;
            }
            labels[i] = labelOfRoot[root];
        }
        return labels;
    }
}
