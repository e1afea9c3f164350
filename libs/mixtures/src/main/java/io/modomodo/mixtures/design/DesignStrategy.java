package io.modomodo.mixtures.design;

import java.util.Arrays;
import java.util.Optional;

/** The pilot designs, by the names the API uses. */
public enum DesignStrategy {

    /** Uniform, each one-hot, each leave-one-out with the rest uniform (at most 2m + 1 mixtures). */
    SEEDS("seeds"),
    /** Samples of Dirichlet(α·m·prior); α = 1 with the uniform prior is uniform on the simplex. */
    DIRICHLET("dirichlet"),
    /** Greedy maximin: each pick is the candidate farthest from everything already chosen or run. */
    SPACE_FILLING("space-filling");

    private final String apiName;

    DesignStrategy(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** The strategy with this API name, if any. */
    public static Optional<DesignStrategy> fromName(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName.equals(name)).findFirst();
    }
}
