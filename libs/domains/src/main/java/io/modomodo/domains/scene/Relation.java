package io.modomodo.domains.scene;

/**
 * Spatial relations between two objects, defined on their boxes so that they are crisp: A is left of B
 * when A ends at or before B begins horizontally ({@code a.x2 <= b.x1}), and likewise for the others.
 * Two objects that do not overlap stand in at least one relation; they may stand in two (left and above).
 */
public enum Relation {
    LEFT("left", "left of"),
    RIGHT("right", "right of"),
    ABOVE("above", "above"),
    BELOW("below", "below");

    private final String word;
    private final String phrase;

    Relation(String word, String phrase) {
        this.word = word;
        this.phrase = phrase;
    }

    /** The option text, e.g. {@code left}. */
    public String word() {
        return word;
    }

    /** The preposition, e.g. {@code left of}. */
    public String phrase() {
        return phrase;
    }

    /** True when {@code a} stands in this relation to {@code b}. */
    public boolean holds(SceneObject a, SceneObject b) {
        Box p = a.box();
        Box q = b.box();
        switch (this) {
            case LEFT:
                return p.x2() <= q.x1();
            case RIGHT:
                return p.x1() >= q.x2();
            case ABOVE:
                return p.y2() <= q.y1();
            default:
                return p.y1() >= q.y2();
        }
    }
}
