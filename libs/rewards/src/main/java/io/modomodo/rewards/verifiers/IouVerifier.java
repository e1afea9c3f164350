package io.modomodo.rewards.verifiers;

import java.util.List;
import java.util.Map;

import io.modomodo.rewards.GoldAnswer;
import io.modomodo.rewards.Verdict;
import io.modomodo.rewards.Verifier;
import io.modomodo.rewards.VerifierInputException;
import io.modomodo.rewards.VerifierParam;
import io.modomodo.rewards.text.BoxReader;
import io.modomodo.rewards.text.NumberReader;
import io.modomodo.rewards.text.Params;

/**
 * Grounding boxes {@code [x1, y1, x2, y2]}: accuracy is the intersection over union, or 1/0 against
 * {@code params.threshold}. The answer may be a bare box, {@code {"bbox_2d": [...]}} or a box inside a
 * sentence, or corners {@code (x1, y1), (x2, y2)}; an answer naming two different boxes is unreadable;
 * swapped corners are normalised. A box whose coordinates all lie in [0, 1] is a normalised
 * box: with {@code imageSize} it is converted to pixels, or, when {@code normalized} is true, pixel
 * boxes are converted to normalised ones instead; without {@code imageSize} both are compared as they are.
 */
public final class IouVerifier implements Verifier {

    @Override
    public String name() {
        return "iou";
    }

    @Override
    public String description() {
        return "Bounding boxes [x1, y1, x2, y2]: continuous IoU, or 1/0 against threshold.";
    }

    @Override
    public List<VerifierParam> params() {
        return List.of(
                new VerifierParam("threshold", "number", null,
                        "When set, accuracy is 1 if IoU >= threshold, else 0; unset: the continuous IoU."),
                new VerifierParam("normalized", "boolean", false,
                        "Compare in normalised [0, 1] coordinates (pixel boxes are divided by imageSize)."),
                new VerifierParam("imageSize", "array", null,
                        "[width, height] in pixels, to convert between normalised and pixel boxes."));
    }

    @Override
    public GoldAnswer prepare(Object gold, Map<String, ?> params) {
        double threshold = Params.number(params, "threshold", Double.NaN, 0.0, 1.0);
        boolean normalized = Params.bool(params, "normalized", false);
        double[] imageSize = Params.positiveNumbers(params, "imageSize", 2);
        double[] g = goldBox(gold);
        toCommonSpace(g, normalized, imageSize);
        return answer -> {
            double[] box = new double[4];
            if (!BoxReader.read(answer, box)) {
                return Verdict.UNREADABLE;
            }
            String extracted = "[" + NumberReader.format(box[0]) + ", " + NumberReader.format(box[1]) + ", "
                    + NumberReader.format(box[2]) + ", " + NumberReader.format(box[3]) + "]";
            toCommonSpace(box, normalized, imageSize);
            double iou = BoxReader.iou(g, box);
            double accuracy = Double.isNaN(threshold) ? iou : (iou >= threshold ? 1.0 : 0.0);
            return new Verdict(accuracy, extracted);
        };
    }

    private static double[] goldBox(Object gold) {
        double[] box = new double[4];
        if (gold instanceof List<?> list) {
            if (list.size() != 4) {
                throw new VerifierInputException("answer", "answer must be a box [x1, y1, x2, y2]");
            }
            for (int i = 0; i < 4; i++) {
                box[i] = list.get(i) instanceof Number number ? number.doubleValue() : Double.NaN;
                if (!Double.isFinite(box[i])) {
                    throw new VerifierInputException("answer", "answer must be a box of four finite numbers");
                }
            }
            BoxReader.normalise(box);
            return box;
        }
        if (gold instanceof String s && BoxReader.read(s, box)) {
            return box;
        }
        throw new VerifierInputException("answer", "answer must be a box [x1, y1, x2, y2]");
    }

    private static void toCommonSpace(double[] box, boolean normalized, double[] imageSize) {
        if (imageSize == null) {
            return;
        }
        boolean unit = box[0] >= 0 && box[1] >= 0 && box[2] <= 1 && box[3] <= 1;
        if (normalized && !unit) {
            box[0] /= imageSize[0];
            box[2] /= imageSize[0];
            box[1] /= imageSize[1];
            box[3] /= imageSize[1];
        }
        else if (!normalized && unit) {
            box[0] *= imageSize[0];
            box[2] *= imageSize[0];
            box[1] *= imageSize[1];
            box[3] *= imageSize[1];
        }
    }
}
