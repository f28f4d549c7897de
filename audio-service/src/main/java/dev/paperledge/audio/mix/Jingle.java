package dev.paperledge.audio.mix;

/**
 * The show's intro and outro: a short chime synthesised here from sine partials (no third-party
 * audio). The intro rises (C E G C), the outro falls.
 */
public final class Jingle {
    private static final double[] RISING = {523.25, 659.25, 783.99, 1046.50};

    private Jingle() {
    }

    public static float[] intro(int rate) {
        return chime(rate, RISING);
    }

    public static float[] outro(int rate) {
        double[] falling = new double[RISING.length];
        for (int i = 0; i < RISING.length; i++) {
            falling[i] = RISING[RISING.length - 1 - i];
        }
        return chime(rate, falling);
    }

    private static float[] chime(int rate, double[] notes) {
        double noteGap = 0.22;
        double ring = 1.6;
        int total = (int) ((noteGap * (notes.length - 1) + ring) * rate);
        float[] out = new float[total];
        for (int n = 0; n < notes.length; n++) {
            int start = (int) (n * noteGap * rate);
            int len = Math.min(total - start, (int) (ring * rate));
            for (int i = 0; i < len; i++) {
                double t = i / (double) rate;
                double attack = Math.min(1.0, t / 0.008);
                double env = attack * Math.exp(-t * 3.2);
                double f = notes[n];
                double v = Math.sin(2 * Math.PI * f * t) + 0.35 * Math.sin(2 * Math.PI * 2 * f * t) * Math.exp(-t * 4)
                        + 0.12 * Math.sin(2 * Math.PI * 3.01 * f * t) * Math.exp(-t * 6);
                out[start + i] += (float) (0.18 * env * v);
            }
        }
        // Fade the tail so it ends in silence.
        int fade = rate / 5;
        for (int i = 0; i < fade && i < total; i++) {
            out[total - 1 - i] *= i / (float) fade;
        }
        return out;
    }
}
