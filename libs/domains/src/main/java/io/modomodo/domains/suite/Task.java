package io.modomodo.domains.suite;

import io.modomodo.domains.scene.Scene;
import java.util.Map;
import java.util.random.RandomGenerator;

/** One domain's generator: draws a scene, then poses a question about it. */
interface Task {

    /** The domain name. */
    String name();

    /** Difficulty used unless the suite is given another. */
    Difficulty defaultDifficulty();

    /** A random scene for this domain. */
    Scene scene(RandomGenerator rng, Difficulty difficulty);

    /** A question about the scene, or null when this scene admits none (the suite then draws another). */
    Draft pose(Scene scene, RandomGenerator rng, Difficulty difficulty);

    /** A posed question with its gold answer and a short reasoning for warm-start targets. */
    record Draft(Query query, String prompt, String answer, String verifier, Map<String, Object> params,
                 String reasoning) {
    }
}
