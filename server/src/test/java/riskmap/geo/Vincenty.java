package riskmap.geo;

/**
 * Vincenty's direct and inverse formulae on the WGS84 ellipsoid (T. Vincenty, Survey Review 1975),
 * written out in the tests as an independent check of what PostGIS computes. Accurate to well
 * under a millimetre for the distances used here.
 */
public final class Vincenty {
    private static final double A = 6378137.0;
    private static final double F = 1 / 298.257223563;
    private static final double B = A * (1 - F);

    private Vincenty() {
    }

    /** The point reached from (lon, lat) after {@code metres} along initial bearing {@code bearingDeg}: {lon, lat}. */
    public static double[] destination(double lon, double lat, double bearingDeg, double metres) {
        double alpha1 = Math.toRadians(bearingDeg);
        double sinA1 = Math.sin(alpha1), cosA1 = Math.cos(alpha1);
        double tanU1 = (1 - F) * Math.tan(Math.toRadians(lat));
        double cosU1 = 1 / Math.sqrt(1 + tanU1 * tanU1), sinU1 = tanU1 * cosU1;
        double sigma1 = Math.atan2(tanU1, cosA1);
        double sinAlpha = cosU1 * sinA1;
        double cos2Alpha = 1 - sinAlpha * sinAlpha;
        double u2 = cos2Alpha * (A * A - B * B) / (B * B);
        double bigA = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
        double bigB = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
        double sigma = metres / (B * bigA), sigmaP;
        double cos2SigmaM, sinSigma, cosSigma;
        do {
            cos2SigmaM = Math.cos(2 * sigma1 + sigma);
            sinSigma = Math.sin(sigma);
            cosSigma = Math.cos(sigma);
            double deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                    - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
            sigmaP = sigma;
            sigma = metres / (B * bigA) + deltaSigma;
        } while (Math.abs(sigma - sigmaP) > 1e-13);
        double tmp = sinU1 * sinSigma - cosU1 * cosSigma * cosA1;
        double lat2 = Math.atan2(sinU1 * cosSigma + cosU1 * sinSigma * cosA1, (1 - F) * Math.sqrt(sinAlpha * sinAlpha + tmp * tmp));
        double lambda = Math.atan2(sinSigma * sinA1, cosU1 * cosSigma - sinU1 * sinSigma * cosA1);
        double c = F / 16 * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
        double l = lambda - (1 - c) * F * sinAlpha * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        double lon2 = lon + Math.toDegrees(l);
        lon2 = ((lon2 + 540) % 360) - 180;
        return new double[] {lon2, Math.toDegrees(lat2)};
    }

    /** Geodesic distance in metres and initial bearing in degrees [0, 360): {metres, bearing}. */
    public static double[] inverse(double lon1, double lat1, double lon2, double lat2) {
        double l = Math.toRadians(lon2 - lon1);
        double u1 = Math.atan((1 - F) * Math.tan(Math.toRadians(lat1)));
        double u2 = Math.atan((1 - F) * Math.tan(Math.toRadians(lat2)));
        double sinU1 = Math.sin(u1), cosU1 = Math.cos(u1), sinU2 = Math.sin(u2), cosU2 = Math.cos(u2);
        double lambda = l, lambdaP;
        double sinSigma, cosSigma, sigma, cos2Alpha, cos2SigmaM, sinLambda, cosLambda;
        int iterations = 0;
        do {
            sinLambda = Math.sin(lambda);
            cosLambda = Math.cos(lambda);
            sinSigma = Math.sqrt((cosU2 * sinLambda) * (cosU2 * sinLambda)
                    + (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) * (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda));
            if (sinSigma == 0) return new double[] {0, Double.NaN};
            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            sigma = Math.atan2(sinSigma, cosSigma);
            double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cos2Alpha = 1 - sinAlpha * sinAlpha;
            cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cos2Alpha;
            double c = F / 16 * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
            lambdaP = lambda;
            lambda = l + (1 - c) * F * sinAlpha * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        } while (Math.abs(lambda - lambdaP) > 1e-13 && ++iterations < 200);
        double uSq = cos2Alpha * (A * A - B * B) / (B * B);
        double bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        double bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        double deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        double metres = B * bigA * (sigma - deltaSigma);
        double bearing = Math.toDegrees(Math.atan2(cosU2 * sinLambda, cosU1 * sinU2 - sinU1 * cosU2 * cosLambda));
        return new double[] {metres, (bearing + 360) % 360};
    }
}
