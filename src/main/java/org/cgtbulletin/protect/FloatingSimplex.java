package org.cgtbulletin.protect;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * The same intervals as {@link ExactSimplex}, in floating point with commons-math3's {@link SimplexSolver} (one
 * program per bound, from scratch). Used only when exact arithmetic would overflow 64 bits, and in tests as an
 * independent cross-check. Integer bounds are rounded with a tolerance of 1e-6 relative to the magnitude.
 */
final class FloatingSimplex {

    private FloatingSimplex() {
    }

    static void solve(Component comp, long[] lower, boolean[] wanted, ExactSimplex.Bounds out) {
        int n = comp.size();
        long[] lo = lower == null ? new long[n] : lower;
        List<LinearConstraint> constraints = new ArrayList<>();
        double scale = 1;
        for (int i = 0; i < comp.rowCols.length; i++) {
            double[] coef = new double[n];
            double b = comp.rhs[i];
            for (int j = 0; j < comp.rowCols[i].length; j++) {
                int col = comp.rowCols[i][j];
                coef[col] = comp.rowCoef[i][j];
                b -= (double) comp.rowCoef[i][j] * lo[col];
            }
            scale = Math.max(scale, Math.abs(b));
            constraints.add(new LinearConstraint(coef, Relationship.EQ, b));
        }
        LinearConstraintSet set = new LinearConstraintSet(constraints);
        double tol = 1e-6 * scale;
        for (int k = 0; k < n; k++) {
            if (!wanted[k]) {
                continue;
            }
            double[] obj = new double[n];
            obj[k] = 1;
            LinearObjectiveFunction f = new LinearObjectiveFunction(obj, 0);
            try {
                PointValuePair max = new SimplexSolver(1e-9, 10, 1e-12).optimize(new MaxIter(1_000_000), f, set,
                        GoalType.MAXIMIZE, new NonNegativeConstraint(true));
                double v = max.getValue() + lo[k];
                out.setHigh(k, v, (long) Math.floor(v + tol));
            } catch (UnboundedSolutionException unbounded) {
                out.setHigh(k, Double.POSITIVE_INFINITY, Long.MAX_VALUE);
            }
            PointValuePair min = new SimplexSolver(1e-9, 10, 1e-12).optimize(new MaxIter(1_000_000), f, set,
                    GoalType.MINIMIZE, new NonNegativeConstraint(true));
            double v = min.getValue() + lo[k];
            out.setLow(k, v, (long) Math.ceil(v - tol));
        }
    }
}
