package org.cgtbulletin.protect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Test helper: builds n-way tables with all margins into a {@link LinkedTables}. A cell is addressed by one index
 * per dimension; index {@code size(d)} is that dimension's total. Inner cells get their contributions from a
 * function; every margin is the token-wise sum of the inner cells below it, and for every margin cell and every
 * dimension at its total there is the relation margin = sum over that dimension.
 */
final class Grids {

    final LinkedTables tables = new LinkedTables();
    final int[] sizes;
    final String[][] names;
    private final int[] ids;

    private Grids(String[][] names) {
        this.names = names;
        this.sizes = new int[names.length];
        for (int d = 0; d < names.length; d++) {
            sizes[d] = names[d].length;
        }
        int total = 1;
        for (int s : sizes) {
            total *= s + 1;
        }
        ids = new int[total];
    }

    /** Builds the table; {@code inner} maps inner coordinates to contributions. */
    static Grids of(String[][] names, Function<int[], Map<String, Long>> inner) {
        Grids g = new Grids(names);
        int count = g.ids.length;
        List<Map<String, Long>> contributions = new ArrayList<>();
        for (int flat = 0; flat < count; flat++) {
            contributions.add(new TreeMap<>());
        }
        for (int flat = 0; flat < count; flat++) {
            int[] idx = g.unflat(flat);
            if (g.isInner(idx)) {
                Map<String, Long> m = inner.apply(idx.clone());
                // Add to every margin cell above it (each subset of dimensions replaced by its total).
                int dims = idx.length;
                for (int mask = 0; mask < (1 << dims); mask++) {
                    int[] up = idx.clone();
                    for (int d = 0; d < dims; d++) {
                        if ((mask & (1 << d)) != 0) {
                            up[d] = g.sizes[d];
                        }
                    }
                    Map<String, Long> target = contributions.get(g.flat(up));
                    m.forEach((k, v) -> target.merge(k, v, Long::sum));
                }
            }
        }
        for (int flat = 0; flat < count; flat++) {
            g.ids[flat] = g.tables.addCell(g.label(g.unflat(flat)), contributions.get(flat));
        }
        for (int flat = 0; flat < count; flat++) {
            int[] idx = g.unflat(flat);
            for (int d = 0; d < idx.length; d++) {
                if (idx[d] == g.sizes[d]) {
                    int[] parts = new int[g.sizes[d]];
                    for (int p = 0; p < g.sizes[d]; p++) {
                        int[] q = idx.clone();
                        q[d] = p;
                        parts[p] = g.ids[g.flat(q)];
                    }
                    g.tables.addRelation(g.ids[flat], parts);
                }
            }
        }
        return g;
    }

    /** Cell id at the coordinates (use {@code sizes[d]} for a total). */
    int id(int... idx) {
        return ids[flat(idx)];
    }

    boolean isInner(int[] idx) {
        for (int d = 0; d < idx.length; d++) {
            if (idx[d] == sizes[d]) {
                return false;
            }
        }
        return true;
    }

    int[] unflat(int flat) {
        int[] idx = new int[sizes.length];
        for (int d = sizes.length - 1; d >= 0; d--) {
            idx[d] = flat % (sizes[d] + 1);
            flat /= sizes[d] + 1;
        }
        return idx;
    }

    int flat(int[] idx) {
        int f = 0;
        for (int d = 0; d < sizes.length; d++) {
            f = f * (sizes[d] + 1) + idx[d];
        }
        return f;
    }

    String label(int[] idx) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < idx.length; d++) {
            if (d > 0) {
                sb.append('|');
            }
            sb.append(idx[d] == sizes[d] ? "Total" : names[d][idx[d]]);
        }
        return sb.toString();
    }

    /** Coordinates of a cell id. */
    int[] coords(int id) {
        for (int flat = 0; flat < ids.length; flat++) {
            if (ids[flat] == id) {
                return unflat(flat);
            }
        }
        throw new IllegalArgumentException("no cell " + id);
    }

    /** Labels of the suppressed cells of a protection. */
    static Set<String> suppressedLabels(Protection p) {
        Set<String> s = new HashSet<>();
        for (Suppression x : p.suppressions()) {
            s.add(x.label());
        }
        return s;
    }
}
