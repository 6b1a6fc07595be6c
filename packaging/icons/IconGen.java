import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The ObitoX icon, drawn in code: an upward arrow rising into a cloud on a blue-to-teal tile. This program is the
 * one source of every icon file; run it after changing the drawing and commit what it writes:
 *
 * <pre>
 *   java packaging/icons/IconGen.java            (from the repository root; JDK 11+, no other tools)
 * </pre>
 *
 * It writes packaging/icons/obitox-N.png (16 … 1024), obitox.ico (Windows, PNG entries 16 … 256), obitox.icns
 * (macOS, PNG entries 16 … 1024) and the window and tray icons under src/main/resources/io/obitox/icons/.
 * Every size is drawn from the vector shapes, not scaled from a bitmap, so small sizes stay sharp.
 */
public final class IconGen {
    /** The drawing's own coordinate space. */
    private static final double UNIT = 1024;

    private static final Color TOP = new Color(0x1D, 0x5F, 0xD6);
    private static final Color BOTTOM = new Color(0x10, 0xA8, 0x9A);
    private static final Color INK = Color.WHITE;

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Path out = root.resolve("packaging/icons");
        Path resources = root.resolve("src/main/resources/io/obitox/icons");
        Files.createDirectories(out);
        Files.createDirectories(resources);

        int[] sizes = {16, 24, 32, 48, 64, 128, 256, 512, 1024};
        Map<Integer, byte[]> png = new LinkedHashMap<>();
        for (int size : sizes) {
            png.put(size, png(draw(size)));
            Files.write(out.resolve("obitox-" + size + ".png"), png.get(size));
        }
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            Files.write(resources.resolve("obitox-" + size + ".png"), png.get(size));
        }
        Files.write(out.resolve("obitox.ico"), ico(png, new int[] {16, 24, 32, 48, 64, 128, 256}));
        Files.write(out.resolve("obitox.icns"), icns(png));
        System.out.println("wrote icons to " + out.toAbsolutePath() + " and " + resources.toAbsolutePath());
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / UNIT, size / UNIT);

        // Small sizes get a tile that fills more of the square and a bolder arrow, so they read at 16 px.
        boolean small = size <= 32;
        double inset = small ? 16 : 64;
        Shape tile = new RoundRectangle2D.Double(inset, inset, UNIT - 2 * inset, UNIT - 2 * inset, 220, 220);
        GradientPaint fill = new GradientPaint(0, (float) inset, TOP, 0, (float) (UNIT - inset), BOTTOM);
        g.setPaint(fill);
        g.fill(tile);

        Area cloud = cloud(small);
        Area arrow = arrow(small);
        g.setColor(INK);
        g.fill(cloud);
        Area inside = new Area(arrow);
        inside.intersect(cloud);
        Area outside = new Area(arrow);
        outside.subtract(cloud);
        g.setPaint(fill);
        g.fill(inside);
        g.setColor(INK);
        g.fill(outside);

        if (!small) {
            // a faint rim keeps the tile apart from light and dark backgrounds alike
            g.setColor(new Color(0, 0, 0, 40));
            g.setStroke(new BasicStroke(6f));
            g.draw(tile);
        }
        g.dispose();
        return img;
    }

    private static Area cloud(boolean small) {
        double lift = small ? 20 : 0;
        Area a = new Area(new RoundRectangle2D.Double(214, 420 - lift, 596, 200, 200, 200));
        a.add(new Area(circle(372, 440 - lift, small ? 140 : 130)));
        a.add(new Area(circle(560, 370 - lift, small ? 180 : 170)));
        a.add(new Area(circle(704, 478 - lift, small ? 120 : 110)));
        return a;
    }

    private static Area arrow(boolean small) {
        double half = small ? 96 : 70; // half the shaft's width
        double head = small ? 210 : 170; // half the head's width
        Path2D p = new Path2D.Double();
        p.moveTo(512, 330); // tip, inside the cloud
        p.lineTo(512 + head, 330 + head * 1.05);
        p.lineTo(512 + half, 330 + head * 1.05);
        p.lineTo(512 + half, 868);
        p.lineTo(512 - half, 868);
        p.lineTo(512 - half, 330 + head * 1.05);
        p.lineTo(512 - head, 330 + head * 1.05);
        p.closePath();
        return new Area(p);
    }

    private static Ellipse2D circle(double cx, double cy, double r) {
        return new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** Windows .ico with PNG-compressed entries (supported since Windows Vista). Little-endian header. */
    static byte[] ico(Map<Integer, byte[]> png, int[] sizes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LittleEndian out = new LittleEndian(bytes);
        out.short16(0); // reserved
        out.short16(1); // type: icon
        out.short16(sizes.length);
        int offset = 6 + 16 * sizes.length;
        for (int size : sizes) {
            byte[] data = png.get(size);
            out.byte8(size >= 256 ? 0 : size); // 0 means 256
            out.byte8(size >= 256 ? 0 : size);
            out.byte8(0); // no palette
            out.byte8(0); // reserved
            out.short16(1); // colour planes
            out.short16(32); // bits per pixel
            out.int32(data.length);
            out.int32(offset);
            offset += data.length;
        }
        for (int size : sizes) {
            bytes.write(png.get(size));
        }
        return bytes.toByteArray();
    }

    /** macOS .icns with PNG entries; big-endian, each entry a four-letter type and its length. */
    static byte[] icns(Map<Integer, byte[]> png) throws IOException {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        types.put("ic10", 1024); // 512@2x
        types.put("ic11", 32); // 16@2x
        types.put("ic12", 64); // 32@2x
        types.put("ic13", 256); // 128@2x
        types.put("ic14", 512); // 256@2x
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        for (Map.Entry<String, Integer> e : types.entrySet()) {
            byte[] data = png.get(e.getValue());
            out.writeBytes(e.getKey());
            out.writeInt(8 + data.length);
            out.write(data);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(file);
        header.writeBytes("icns");
        header.writeInt(8 + body.size());
        header.write(body.toByteArray());
        return file.toByteArray();
    }

    private static final class LittleEndian {
        private final ByteArrayOutputStream out;

        LittleEndian(ByteArrayOutputStream out) {
            this.out = out;
        }

        void byte8(int v) {
            out.write(v & 0xFF);
        }

        void short16(int v) {
            byte8(v);
            byte8(v >>> 8);
        }

        void int32(int v) {
            short16(v);
            short16(v >>> 16);
        }
    }
}
