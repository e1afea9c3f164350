package io.modomodo.rewards.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Property: a number printed in any supported form reads back equal (seeded, 20,000 cases). */
class NumberReaderPropertyTest {

    @Test
    void aNumberPrintedInAnySupportedFormReadsBackEqual() {
        SplittableRandom random = new SplittableRandom(20261127);
        for (int i = 0; i < 20_000; i++) {
            long integer = random.nextInt(4) == 0 ? random.nextLong(-10_000_000_000L, 10_000_000_000L)
                    : random.nextInt(-5000, 5000);
            int decimals = random.nextInt(4);
            BigDecimal exact = BigDecimal.valueOf(integer, decimals);
            double value = exact.doubleValue();
            for (String printed : forms(exact, random)) {
                double read = NumberReader.read(printed);
                assertThat(read).as("%s read from '%s'", exact, printed)
                        .isCloseTo(value, org.assertj.core.api.Assertions.within(Math.abs(value) * 1e-12 + 1e-12));
            }
        }
    }

    @Test
    void aFractionPrintedInAnySupportedFormReadsBackEqual() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 5_000; i++) {
            int numerator = random.nextInt(-999, 1000);
            int denominator = random.nextInt(1, 1000);
            double value = (double) numerator / denominator;
            String sign = numerator < 0 ? "-" : "";
            int abs = Math.abs(numerator);
            for (String printed : List.of(numerator + "/" + denominator, sign + "\\frac{" + abs + "}{" + denominator + "}",
                    "\\dfrac{" + numerator + "}{" + denominator + "}", "x = " + numerator + " / " + denominator,
                    "\\boxed{" + sign + "\\tfrac{" + abs + "}{" + denominator + "}}")) {
                assertThat(NumberReader.read(printed)).as(printed).isCloseTo(value,
                        org.assertj.core.api.Assertions.within(1e-12));
            }
        }
    }

    @Test
    void aMixedNumberOrScaledNumberReadsBackEqual() {
        SplittableRandom random = new SplittableRandom(7);
        String[] scales = {"hundred", "thousand", "million", "billion"};
        double[] factors = {1e2, 1e3, 1e6, 1e9};
        for (int i = 0; i < 5_000; i++) {
            int whole = random.nextInt(0, 1000);
            int denominator = random.nextInt(2, 100);
            int numerator = random.nextInt(1, denominator);
            double value = whole + (double) numerator / denominator;
            String sign = random.nextBoolean() ? "-" : "";
            double signed = sign.isEmpty() ? value : -value;
            for (String printed : List.of(sign + whole + "\\frac{" + numerator + "}{" + denominator + "}",
                    sign + whole + " \\dfrac{" + numerator + "}{" + denominator + "}",
                    "x = " + sign + whole + " " + numerator + "/" + denominator,
                    "There are " + sign + whole + " " + numerator + "/" + denominator + " cups.")) {
                assertThat(NumberReader.read(printed)).as(printed).isCloseTo(signed,
                        org.assertj.core.api.Assertions.within(1e-9));
            }
            int scale = random.nextInt(scales.length);
            BigDecimal mantissa = BigDecimal.valueOf(random.nextInt(1, 10_000), random.nextInt(3));
            String printed = "about " + mantissa.toPlainString() + " " + scales[scale] + " people";
            assertThat(NumberReader.read(printed)).as(printed).isCloseTo(mantissa.doubleValue() * factors[scale],
                    org.assertj.core.api.Assertions.within(mantissa.doubleValue() * factors[scale] * 1e-12));
        }
    }

    private static List<String> forms(BigDecimal exact, SplittableRandom random) {
        String plain = exact.toPlainString();
        List<String> forms = new ArrayList<>();
        forms.add(plain);
        forms.add("\\boxed{" + plain + "}");
        forms.add("x = " + plain);
        forms.add("There are " + plain + " red circles.");
        forms.add(plain + " cm");
        forms.add(plain + "%");
        forms.add(plain + "^\\circ");
        forms.add("$" + plain + "$");
        forms.add(grouped(exact, ","));
        forms.add(grouped(exact, " "));
        forms.add(grouped(exact, "\\,"));
        forms.add(grouped(exact, "{,}"));
        forms.add(exact.signum() < 0 ? "−" + exact.negate().toPlainString() : plain);
        forms.add(exact.signum() < 0 ? "-$" + exact.negate().toPlainString() : "$" + plain);
        if (exact.signum() != 0) {
            int exponent = exact.precision() - exact.scale() - 1;
            BigDecimal mantissa = exact.movePointLeft(exponent);
            forms.add(mantissa.toPlainString() + "e" + exponent);
            forms.add(mantissa.toPlainString() + "E" + exponent);
            forms.add(mantissa.toPlainString() + " \\times 10^{" + exponent + "}");
            forms.add(mantissa.toPlainString() + " × 10^" + exponent);
        }
        if (exact.scale() == 0 && exact.signum() >= 0 && exact.compareTo(BigDecimal.valueOf(20)) <= 0) {
            String[] words = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                "nineteen", "twenty"};
            forms.add("There are " + words[exact.intValue()] + " of them.");
        }
        if (random.nextBoolean()) {
            forms.add("<b>" + plain + "</b> dollars");
        }
        return forms;
    }

    /** The plain form with a thousands separator between groups of three integer digits. */
    private static String grouped(BigDecimal exact, String separator) {
        String plain = exact.abs().toPlainString();
        int point = plain.indexOf('.');
        String integer = point < 0 ? plain : plain.substring(0, point);
        String fraction = point < 0 ? "" : plain.substring(point);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < integer.length(); i++) {
            if (i > 0 && (integer.length() - i) % 3 == 0) {
                out.append(separator);
            }
            out.append(integer.charAt(i));
        }
        return (exact.signum() < 0 ? "-" : "") + out + fraction;
    }
}
