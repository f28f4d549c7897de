package dev.paperledge.audio.mix;

import java.util.Arrays;

/** A growable float array: the program is assembled into one of these. */
public final class FloatBuffer {
    private float[] data;
    private int size;

    public FloatBuffer(int capacity) {
        data = new float[Math.max(16, capacity)];
    }

    public void add(float v) {
        ensure(size + 1);
        data[size++] = v;
    }

    public void addAll(float[] v, int from, int to) {
        int n = to - from;
        ensure(size + n);
        System.arraycopy(v, from, data, size, n);
        size += n;
    }

    public void addSilence(int n) {
        ensure(size + n);
        Arrays.fill(data, size, size + n, 0f);
        size += n;
    }

    public int size() {
        return size;
    }

    /** The backing array (valid up to {@link #size()}); no copy. */
    public float[] array() {
        return data;
    }

    public float[] toArray() {
        return Arrays.copyOf(data, size);
    }

    private void ensure(int n) {
        if (n > data.length) {
            data = Arrays.copyOf(data, Math.max(n, data.length + (data.length >> 1)));
        }
    }
}
