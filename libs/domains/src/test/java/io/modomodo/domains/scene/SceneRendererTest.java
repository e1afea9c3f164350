package io.modomodo.domains.scene;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SceneRendererTest {

    @Test
    void everyGeometricShapeTouchesAllFourSidesOfItsBox() {
        for (Shape shape : Shape.GEOMETRIC) {
            for (int side = 4; side <= 40; side++) {
                Box box = new Box(3, 5, 3 + side, 5 + side);
                Scene scene = new Scene(50, 50, List.of(new SceneObject(shape, Colour.RED, Size.LARGE, box, 0)));
                BufferedImage img = SceneRenderer.render(scene);
                int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
                for (int y = 0; y < 50; y++) {
                    for (int x = 0; x < 50; x++) {
                        if ((img.getRGB(x, y) & 0xFFFFFF) == Colour.RED.rgb()) {
                            minX = Math.min(minX, x);
                            minY = Math.min(minY, y);
                            maxX = Math.max(maxX, x);
                            maxY = Math.max(maxY, y);
                        }
                    }
                }
                assertThat(new Box(minX, minY, maxX + 1, maxY + 1)).as(shape + " side " + side).isEqualTo(box);
            }
        }
    }

    @Test
    void generatedScenesRenderEachObjectInsideItsOwnBoxOnly() throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        for (int k = 0; k < 200; k++) {
            Scene scene = SceneGenerator.shapes(rng, 64, 64, 1 + rng.nextInt(8), Colour.PALETTE, Shape.GEOMETRIC);
            List<SceneObject> objects = scene.objects();
            for (int i = 0; i < objects.size(); i++) {
                for (int j = i + 1; j < objects.size(); j++) {
                    assertThat(objects.get(i).box().overlaps(objects.get(j).box(), SceneGenerator.GAP)).isFalse();
                }
            }
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(SceneRenderer.png(scene)));
            assertThat(img.getWidth()).isEqualTo(64);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    int rgb = img.getRGB(x, y) & 0xFFFFFF;
                    SceneObject owner = null;
                    for (SceneObject o : objects) {
                        Box b = o.box();
                        if (x >= b.x1() && x < b.x2() && y >= b.y1() && y < b.y2()) {
                            owner = o;
                        }
                    }
                    if (owner == null) {
                        assertThat(rgb).isEqualTo(SceneRenderer.BACKGROUND);
                    } else {
                        assertThat(rgb).isIn(SceneRenderer.BACKGROUND, owner.colour().rgb());
                    }
                }
            }
        }
    }

    @Test
    void eightLargeObjectsFitAt64Pixels() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int k = 0; k < 100; k++) {
            assertThat(SceneGenerator.shapes(rng, 64, 64, 8, Colour.PALETTE, Shape.GEOMETRIC).objects()).hasSize(8);
        }
    }

    @Test
    void canonicalFormIgnoresDrawingOrder() {
        SceneObject a = new SceneObject(Shape.CIRCLE, Colour.RED, Size.SMALL, new Box(0, 0, 10, 10), 0);
        SceneObject b = new SceneObject(Shape.SQUARE, Colour.BLUE, Size.LARGE, new Box(20, 20, 36, 36), 0);
        Scene s1 = new Scene(64, 64, List.of(a, b));
        Scene s2 = new Scene(64, 64, List.of(b, a));
        assertThat(s1.canonical()).isEqualTo(s2.canonical());
        assertThat(s1.fingerprint()).isEqualTo(s2.fingerprint());
        assertThat(new Scene(64, 64, List.of(a)).fingerprint()).isNotEqualTo(s1.fingerprint());
    }

    @Test
    void boxIouIsIntersectionOverUnion() {
        Box a = new Box(0, 0, 10, 10);
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.iou(new Box(5, 0, 15, 10))).isEqualTo(50.0 / 150.0);
        assertThat(a.iou(new Box(20, 20, 30, 30))).isZero();
        assertThat(a.toAnswer()).isEqualTo("[0,0,10,10]");
    }
}
