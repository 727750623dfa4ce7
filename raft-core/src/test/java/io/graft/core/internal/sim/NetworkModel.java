package io.graft.core.internal.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The simulated network between members: per-direction links that the nemesis cuts and heals (partitions,
 * isolated members, one-way cuts), a latency distribution (a base, an exponential tail that reorders
 * messages, and rare long spikes that deliver a message very late), loss and duplication rates. It only
 * decides fates; the simulation schedules the deliveries.
 */
final class NetworkModel {
    private final int members;
    private final boolean[][] cut;
    private final SplittableRandom random;
    private final long latencyMicros;
    private final long jitterMicros;
    private final long spikeMicros;
    private double dropRate;
    private double duplicateRate;
    private double spikeRate;

    /**
     * @param members member ids are 1..members
     * @param latencyMicros the usual one-way latency
     * @param jitterMicros the mean exponential extra delay
     * @param spikeMicros the longest delay of a spike
     */
    NetworkModel(int members, SplittableRandom random, long latencyMicros, long jitterMicros, long spikeMicros) {
        this.members = members;
        this.cut = new boolean[members + 1][members + 1];
        this.random = random;
        this.latencyMicros = latencyMicros;
        this.jitterMicros = jitterMicros;
        this.spikeMicros = spikeMicros;
    }

    /** Whether a message from {@code from} to {@code to} gets through the links right now. */
    boolean linkUp(int from, int to) {
        return !cut[from][to];
    }

    /** How many copies of a message to deliver: 0 (lost), 1, or 2 (duplicated). */
    int copies() {
        if (dropRate > 0 && random.nextDouble() < dropRate) {
            return 0;
        }
        return duplicateRate > 0 && random.nextDouble() < duplicateRate ? 2 : 1;
    }

    /** A one-way delay for a message of {@code bytes}, in microseconds. */
    long latency(int bytes) {
        long d = latencyMicros + (long) (-Math.log(1 - random.nextDouble()) * jitterMicros) + bytes / 100;
        if (spikeRate > 0 && random.nextDouble() < spikeRate) {
            d += random.nextLong(spikeMicros);
        }
        return d;
    }

    /** Cuts the link from {@code from} to {@code to} only. */
    void cutOneWay(int from, int to) {
        cut[from][to] = true;
    }

    /** Cuts every link between the two sides, both ways. */
    void partition(int[] sideA, int[] sideB) {
        for (int a : sideA) {
            for (int b : sideB) {
                cut[a][b] = true;
                cut[b][a] = true;
            }
        }
    }

    /** Cuts every link of {@code id}, both ways. */
    void isolate(int id) {
        for (int other = 1; other <= members; other++) {
            if (other != id) {
                cut[id][other] = true;
                cut[other][id] = true;
            }
        }
    }

    /** Restores every link and makes the network reliable (latency stays). */
    void healAll() {
        for (boolean[] row : cut) {
            Arrays.fill(row, false);
        }
        dropRate = 0;
        duplicateRate = 0;
        spikeRate = 0;
    }

    /** Restores every link; loss and duplication stay. */
    void healLinks() {
        for (boolean[] row : cut) {
            Arrays.fill(row, false);
        }
    }

    /** Whether every link is up and no message is lost. */
    boolean healthy() {
        for (boolean[] row : cut) {
            for (boolean c : row) {
                if (c) {
                    return false;
                }
            }
        }
        return dropRate == 0;
    }

    void faults(double drop, double duplicate, double spike) {
        this.dropRate = drop;
        this.duplicateRate = duplicate;
        this.spikeRate = spike;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("drop " + dropRate + " dup " + duplicateRate + " spike " + spikeRate
                + " cut:");
        for (int a = 1; a <= members; a++) {
            for (int b = 1; b <= members; b++) {
                if (cut[a][b]) {
                    sb.append(' ').append(a).append("->").append(b);
                }
            }
        }
        return sb.toString();
    }
}
