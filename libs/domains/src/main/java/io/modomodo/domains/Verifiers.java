package io.modomodo.domains;

import java.util.Set;

/** Verifier names and param keys, exactly as the reward-service names them. */
public final class Verifiers {

    /** Multiple choice: gold is a letter A–Z; param {@link #OPTIONS}. */
    public static final String CHOICE = "choice";
    /** Numeric equality; params {@link #ABS_TOL}, {@link #REL_TOL}. */
    public static final String NUMBER = "number";
    /** Box IoU: gold is {@code [x1,y1,x2,y2]} in pixels; params {@link #THRESHOLD}, {@link #NORMALIZED}, {@link #IMAGE_SIZE}. */
    public static final String IOU = "iou";
    /** Yes or no. */
    public static final String YES_NO = "yes_no";
    /** Mathematical equivalence. */
    public static final String MATH = "math";
    /** Normalised exact string match. */
    public static final String EXACT = "exact";

    /** Every verifier the reward-service knows. */
    public static final Set<String> ALL = Set.of(CHOICE, NUMBER, IOU, YES_NO, MATH, EXACT);

    /** {@code choice} param: object letter → option text. */
    public static final String OPTIONS = "options";
    /** {@code number} param: absolute tolerance. */
    public static final String ABS_TOL = "absTol";
    /** {@code number} param: relative tolerance. */
    public static final String REL_TOL = "relTol";
    /** {@code iou} param: 1/0 reward at this IoU instead of the continuous IoU. */
    public static final String THRESHOLD = "threshold";
    /** {@code iou} param: boxes in [0, 1] are normalised coordinates. */
    public static final String NORMALIZED = "normalized";
    /** {@code iou} param: {@code [width, height]} to convert normalised answers to pixels. */
    public static final String IMAGE_SIZE = "imageSize";

    private Verifiers() {
    }

    /** True when the reward-service knows this verifier. */
    public static boolean isKnown(String name) {
        return name != null && ALL.contains(name);
    }
}
