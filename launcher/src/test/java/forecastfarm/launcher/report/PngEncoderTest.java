package forecastfarm.launcher.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {
    /** Decoded by ImageIO to exactly the pixels encoded, for every image kind and size tried, with one encoder. */
    @Test
    void roundTripsExactly() throws IOException {
        PngEncoder encoder = new PngEncoder();
        Random r = new Random(7);
        for (BufferedImage image : List.of(
                drawing(960, 480, BufferedImage.TYPE_INT_RGB),
                drawing(1, 1, BufferedImage.TYPE_INT_RGB),
                drawing(333, 7, BufferedImage.TYPE_INT_RGB),
                noise(700, 300, BufferedImage.TYPE_INT_RGB, r), // incompressible: several IDAT chunks
                drawing(960, 480, BufferedImage.TYPE_INT_RGB).getSubimage(13, 17, 400, 200), // stride != width
                drawing(200, 120, BufferedImage.TYPE_3BYTE_BGR),
                noise(200, 120, BufferedImage.TYPE_INT_ARGB, r),
                drawing(960, 480, BufferedImage.TYPE_INT_RGB))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            encoder.write(image, out);
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
            assertEquals(image.getWidth(), back.getWidth());
            assertEquals(image.getHeight(), back.getHeight());
            assertTrue(back.getColorModel().getNumComponents() == 3, "RGB, no alpha");
            assertArrayEquals(rgb(image), rgb(back), image.toString());
        }
        encoder.end();
    }

    @Test
    void aPlotIsSmallerThanItsRawPixels() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PngEncoder().write(drawing(960, 480, BufferedImage.TYPE_INT_RGB), out);
        assertTrue(out.size() < 960 * 480 / 20, out.size() + " bytes");
    }

    private static BufferedImage drawing(int w, int h, int type) {
        BufferedImage image = new BufferedImage(w, h, type);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(0x1f, 0x77, 0xb4));
        g.drawLine(0, h - 1, w - 1, 0);
        g.setColor(new Color(0xd6, 0x5f, 0x0e, 128));
        g.fillOval(w / 4, h / 4, Math.max(1, w / 2), Math.max(1, h / 2));
        g.dispose();
        return image;
    }

    private static BufferedImage noise(int w, int h, int type, Random r) {
        BufferedImage image = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, r.nextInt());
            }
        }
        return image;
    }

    /** RGB without alpha, row after row. */
    private static int[] rgb(BufferedImage image) {
        int[] px = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < px.length; i++) {
            px[i] &= 0xffffff;
        }
        return px;
    }
}
