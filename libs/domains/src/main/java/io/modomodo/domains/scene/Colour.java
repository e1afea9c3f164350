package io.modomodo.domains.scene;

import java.util.List;

/** Object colours, chosen far apart in RGB so that a small model tells them apart at 64×64. */
public enum Colour {
    RED("red", 0xE62828),
    GREEN("green", 0x28BE3C),
    BLUE("blue", 0x3264F0),
    YELLOW("yellow", 0xF0DC28),
    PURPLE("purple", 0xAA46D2),
    CYAN("cyan", 0x28D2DC),
    WHITE("white", 0xF0F0F0);

    /** The colours of shapes and bars, in palette order; difficulty uses a prefix of this list. */
    public static final List<Colour> PALETTE = List.of(RED, GREEN, BLUE, YELLOW, PURPLE, CYAN);

    private final String word;
    private final int rgb;

    Colour(String word, int rgb) {
        this.word = word;
        this.rgb = rgb;
    }

    /** The English word, e.g. {@code red}. */
    public String word() {
        return word;
    }

    /** The colour as 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }
}
