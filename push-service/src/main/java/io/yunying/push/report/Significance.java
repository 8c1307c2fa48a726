package io.yunying.push.report;

/**
 * Two-proportion z-test (pooled), two-sided: is the treated group's conversion rate different from the
 * holdout's by more than chance? Significant at p &lt; 0.05.
 */
final class Significance {

    static final double ALPHA = 0.05;

    private Significance() {
    }

    /** The test's result, or null when a group is empty or nobody (or everybody) converted in both. */
    static CampaignReport.Uplift uplift(long converted, long n, long holdoutConverted, long holdoutN) {
        if (n == 0 || holdoutN == 0) {
            return null;
        }
        double p1 = (double) converted / n;
        double p2 = (double) holdoutConverted / holdoutN;
        double pooled = (double) (converted + holdoutConverted) / (n + holdoutN);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n + 1.0 / holdoutN));
        Double relative = p2 == 0 ? null : round((p1 - p2) / p2);
        if (se == 0) {
            return new CampaignReport.Uplift(round(p1 - p2), relative, null, null, false);
        }
        double z = (p1 - p2) / se;
        double p = 2 * (1 - normalCdf(Math.abs(z)));
        return new CampaignReport.Uplift(round(p1 - p2), relative, round(z), round(p), p < ALPHA);
    }

    /** Standard normal distribution function, through erf (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
    static double normalCdf(double x) {
        return 0.5 * (1 + erf(x / Math.sqrt(2)));
    }

    private static double erf(double x) {
        double sign = Math.signum(x);
        double a = Math.abs(x);
        double t = 1 / (1 + 0.3275911 * a);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return sign * (1 - poly * Math.exp(-a * a));
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    static double round(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }
}
