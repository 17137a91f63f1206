package riskmap.web;

/**
 * Colour arithmetic for the legend tests, independent of the page: sRGB → linear RGB → CIE XYZ
 * (D65) → CIE L*a*b*, ΔE*76, and deuteranopia simulated with the severity-1.0 matrix of Machado,
 * Oliveira and Fernandes, "A Physiologically-based Model for Simulation of Color Vision
 * Deficiency" (IEEE TVCG 2009), applied to linear RGB.
 */
final class ColourVision {
    private static final double[][] DEUTERANOPIA = {
        {0.367322, 0.860646, -0.227968},
        {0.280085, 0.672501, 0.047413},
        {-0.011820, 0.042940, 0.968881},
    };

    private ColourVision() {
    }

    /** {@code "rgb(217, 101, 0)"} (a computed CSS colour) or {@code "#d96500"} as r, g, b in 0–255. */
    static int[] parse(String css) {
        String s = css.trim();
        if (s.startsWith("#")) {
            return new int[] {Integer.parseInt(s.substring(1, 3), 16), Integer.parseInt(s.substring(3, 5), 16), Integer.parseInt(s.substring(5, 7), 16)};
        }
        String[] parts = s.substring(s.indexOf('(') + 1, s.indexOf(')')).split("[,\\s]+");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    /** The colour as a deuteranope sees it, as linear RGB clamped to 0–1. */
    static double[] deuteranopia(int[] srgb) {
        double[] lin = new double[3];
        for (int i = 0; i < 3; i++) lin[i] = linear(srgb[i] / 255.0);
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = 0;
            for (int j = 0; j < 3; j++) v += DEUTERANOPIA[i][j] * lin[j];
            out[i] = Math.max(0, Math.min(1, v));
        }
        return out;
    }

    /** Normal vision, as linear RGB. */
    static double[] normal(int[] srgb) {
        return new double[] {linear(srgb[0] / 255.0), linear(srgb[1] / 255.0), linear(srgb[2] / 255.0)};
    }

    /** CIE L*a*b* (D65 white) of a linear RGB colour. */
    static double[] lab(double[] lin) {
        double x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047;
        double y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
        double z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    static double deltaE(double[] labA, double[] labB) {
        return Math.sqrt(Math.pow(labA[0] - labB[0], 2) + Math.pow(labA[1] - labB[1], 2) + Math.pow(labA[2] - labB[2], 2));
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
}
