package io.modomodo.domains.scene;

/** What a scene object is: one of four geometric shapes, a seven-segment digit, or a chart bar. */
public enum Shape {
    CIRCLE("circle", "circles"),
    SQUARE("square", "squares"),
    TRIANGLE("triangle", "triangles"),
    CROSS("cross", "crosses"),
    DIGIT("digit", "digits"),
    BAR("bar", "bars");

    /** The geometric shapes, in palette order; difficulty uses a prefix of this list. */
    public static final java.util.List<Shape> GEOMETRIC = java.util.List.of(CIRCLE, SQUARE, TRIANGLE, CROSS);

    private final String word;
    private final String plural;

    Shape(String word, String plural) {
        this.word = word;
        this.plural = plural;
    }

    /** The English noun, e.g. {@code circle}. */
    public String word() {
        return word;
    }

    /** The plural noun, e.g. {@code crosses}. */
    public String plural() {
        return plural;
    }
}
