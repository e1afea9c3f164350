package io.modomodo.local.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JobFiguresTest {

    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private static JsonNode read(String text) {
        return json.readTree(text.replace('\'', '"'));
    }

    private static JsonNode job() {
        return read("{'id':'6f0c1c2e-0000-4000-8000-000000000001','name':'uniform-200','status':'SUCCEEDED','step':3,"
                + "'steps':3,'spec':{'policy':{'name':'base','version':1},'mixture':{'count':0.5,'arith':0.5},"
                + "'promptsPerStep':8,'groupSize':8}}");
    }

    private static JsonNode metrics() {
        return read("{'steps':["
                + step(1, 1.0, 0.2, 0.4, "1.0") + "," + step(2, 1.2, 0.4, 0.6, "2.0") + ","
                + step(3, 1.5, 0.6, 0.8, "3.0") + "]}");
    }

    private static String step(int n, double reward, double countAccuracy, double arithAccuracy, String update) {
        return "{'step':" + n + ",'rewardMean':" + reward + ",'domains':{'count':{'prompts':4,'rewardMean':" + reward
                + ",'accuracy':" + countAccuracy + ",'formatRate':1},'arith':{'prompts':4,'rewardMean':" + reward
                + ",'accuracy':" + arithAccuracy + ",'formatRate':1}},'seconds':{'sample':0.01,'rollout':1.0,"
                + "'reward':0.1,'update':" + update + ",'publish':0.2,'total':2.0}}";
    }

    private static JsonNode evaluations() {
        return read("{'evaluations':["
                + "{'step':0,'inScore':0.25,'outScore':0.10,'benchmarks':{'count':{'accuracy':0.3,'items':40},"
                + "'arith':{'accuracy':0.2,'items':40},'ood-compare':{'accuracy':0.1,'items':40}}},"
                + "{'step':3,'inScore':0.40,'outScore':0.15,'benchmarks':{'count':{'accuracy':0.5,'items':40},"
                + "'arith':{'accuracy':0.3,'items':40},'ood-compare':{'accuracy':0.15,'items':40}}}]}");
    }

    @Test
    void writesFourReadablePngChartsAndASummary() throws Exception {
        List<Path> files = new JobFigures(job(), metrics(), evaluations(), 2).write(dir, "uniform-200");

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("uniform-200-reward.png",
                "uniform-200-accuracy.png", "uniform-200-evaluations.png", "uniform-200-phases.png", "uniform-200.md");
        for (Path png : files.subList(0, 4)) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(900);
            assertThat(image.getHeight()).isEqualTo(420);
            assertThat(containsColour(image, Chart.PALETTE.get(0).getRGB())).as(png.toString()).isTrue();
        }
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void summaryTabulatesFirstAndLastEvaluationWithItemCountsAndChangeInPoints() {
        String md = new JobFigures(job(), metrics(), evaluations(), 2).summary();

        assertThat(md).contains("| count | 40 | 0.300 | 0.500 | +20.0 |");
        assertThat(md).contains("| ood-compare | 40 | 0.100 | 0.150 | +5.0 |");
        assertThat(md).contains("| **in-domain mean** | | 0.250 | 0.400 | +15.0 |");
        assertThat(md).contains("| **OOD mean** | | 0.100 | 0.150 | +5.0 |");
        // In-domain benchmarks come before the OOD ones.
        assertThat(md.indexOf("| arith |")).isLessThan(md.indexOf("| ood-compare |"));
        assertThat(md).contains("update 2.000").contains("(3 steps)");
    }

    @Test
    void curvesAreTrailingMovingAveragesThatSkipStepsWithoutTheDomain() {
        JobFigures figures = new JobFigures(job(), metrics(), evaluations(), 2);
        assertThat(figures.smooth(new double[] { 1, 3, Double.NaN, 5 })).containsExactly(1, 2, 3, 5);
        List<Chart.Series> accuracy = figures.accuracyChart().series();
        assertThat(accuracy).extracting(Chart.Series::name).containsExactly("arith", "count");
        assertThat(accuracy.get(1).y()).containsExactly(new double[] { 0.2, 0.3, 0.5 }, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void phaseChartStacksTheFivePhases() {
        Chart phases = new JobFigures(job(), metrics(), evaluations(), 1).phaseChart();
        assertThat(phases.series()).extracting(Chart.Series::name)
                .containsExactly("sample", "rollout", "reward", "update", "publish");
    }

    @Test
    void aWindowBelowOneStepIsRefused() {
        assertThatThrownBy(() -> new JobFigures(job(), metrics(), evaluations(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }

    @Test
    void ticksAreRoundNumbersCoveringTheRange() {
        assertThat(Chart.ticks(0, 1, 5)).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
        assertThat(Chart.ticks(1, 200, 8)).startsWith(50.0, 100.0);
    }

    private static boolean containsColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF)) {
                    return true;
                }
            }
        }
        return false;
    }
}
