package io.modomodo.domains.scene;

/** Nominal object size; the pixel size scales with the image (see {@link SceneGenerator}). */
public enum Size {
    SMALL("small"),
    LARGE("large");

    private final String word;

    Size(String word) {
        this.word = word;
    }

    /** The English adjective. */
    public String word() {
        return word;
    }
}
