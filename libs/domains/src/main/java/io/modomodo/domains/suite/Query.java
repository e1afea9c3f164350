package io.modomodo.domains.suite;

import io.modomodo.domains.scene.Colour;
import io.modomodo.domains.scene.Relation;
import java.util.List;

/**
 * The structured question behind an item, from which (with the scene graph) its answer is determined.
 * Kept beside every generated item so tests and tools can recompute answers independently.
 */
public sealed interface Query {

    /** Which attribute an attribute question asks for. */
    enum Property { COLOUR, SHAPE }

    /** Arithmetic operations; {@code DIFFERENCE} is larger minus smaller. */
    enum Operation { SUM, DIFFERENCE }

    /** {@code count}: how many objects match the filter. */
    record Count(Filter filter) implements Query {
    }

    /** {@code ground}: the box of the one object the ref matches. */
    record Ground(Ref target) implements Query {
    }

    /** {@code attribute}: the letter of the option naming the target's colour or shape. */
    record Attribute(Ref target, Property property, List<String> options) implements Query {
    }

    /** {@code spatial} (choice): the letter of the relation of a to b; exactly one relation holds. */
    record SpatialChoice(Ref a, Ref b, List<String> options) implements Query {
    }

    /** {@code spatial} (yes/no): whether a stands in the relation to b. */
    record SpatialYesNo(Ref a, Ref b, Relation relation) implements Query {
    }

    /**
     * {@code arith}: sum or difference of the two digits (colours null) or of the bars of the two colours.
     */
    record Arith(Operation operation, Colour first, Colour second) implements Query {
    }

    /** {@code ood-count-relation}: how many other objects stand in the relation to the anchor. */
    record CountRelation(Relation relation, Ref anchor) implements Query {
    }

    /** {@code ood-ground-relation}: the box of the one object in the relation to the anchor. */
    record GroundRelation(Relation relation, Ref anchor) implements Query {
    }

    /** {@code ood-compare}: whether more objects match the first filter than the second. */
    record Compare(Filter first, Filter second) implements Query {
    }

    /** {@code ood-attribute-relation}: the letter naming an attribute of the one object in the relation. */
    record AttributeRelation(Relation relation, Ref anchor, Property property, List<String> options)
            implements Query {
    }
}
